package dev.plugboard.templates.validation;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import tools.jackson.databind.JsonNode;

/**
 * JSON schema {@code const}, same verdict as networknt's own, without serializing the compared
 * value for a message nobody reads.
 *
 * <p>Why: the Camunda 8 schema has about 120 {@code if} conditions built from {@code const}; each
 * one that does not match raises an error that the {@code if} discards, and networknt's validator
 * writes the whole instance node to text for each of them. That was 40% of the validation time.
 */
final class ConstKeyword extends AbstractKeyword {

  ConstKeyword() {
    super("const");
  }

  @Override
  public KeywordValidator newValidator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
      SchemaContext schemaContext) {
    return new Validator(this, schemaNode, schemaLocation, parentSchema, schemaContext);
  }

  private static final class Validator extends BaseKeywordValidator {

    Validator(ConstKeyword keyword, JsonNode schemaNode, SchemaLocation schemaLocation, Schema parentSchema,
        SchemaContext schemaContext) {
      super(keyword, schemaNode, schemaLocation, parentSchema, schemaContext);
    }

    @Override
    public void validate(ExecutionContext context, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
      boolean same = schemaNode.isNumber() && node.isNumber()
          ? schemaNode.decimalValue().compareTo(node.decimalValue()) == 0
          : schemaNode.equals(node);
      if (!same) {
        context.addError(error().instanceNode(node).instanceLocation(instanceLocation)
            .evaluationPath(context.getEvaluationPath())
            .locale(context.getExecutionConfig().getLocale())
            .arguments(brief(schemaNode), brief(node))
            .build());
      }
    }

    private static String brief(JsonNode node) {
      return node.isValueNode() ? node.asString() : node.getNodeType().name().toLowerCase();
    }
  }
}
