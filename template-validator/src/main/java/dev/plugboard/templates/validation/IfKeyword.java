package dev.plugboard.templates.validation;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.FailFastAssertionException;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * JSON schema {@code if}/{@code then}/{@code else}, same verdict as networknt's own, but the
 * {@code if} condition stops at its first failed keyword.
 *
 * <p>Why: the Camunda 8 schema applies some 35 if/then rules to every template property and 25 to
 * the template; almost all conditions fail on their first keyword (another binding type), yet
 * networknt evaluates each one completely and builds an error for every mismatch only to throw the
 * list away. The condition's verdict is all that is needed. The keywords that evaluate their own
 * subschemas ({@code not}, {@code anyOf}, {@code oneOf}, {@code contains}, {@code if}) switch
 * fail-fast off inside and on again, so their own verdicts are unchanged.
 */
final class IfKeyword extends AbstractKeyword {

  IfKeyword() {
    super("if");
  }

  @Override
  public KeywordValidator newValidator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
      SchemaContext schemaContext) {
    return new Validator(this, schemaNode, schemaLocation, parentSchema, schemaContext);
  }

  private static final class Validator extends BaseKeywordValidator {

    private final Schema ifSchema;
    private final Schema thenSchema;
    private final Schema elseSchema;

    Validator(IfKeyword keyword, JsonNode schemaNode, SchemaLocation schemaLocation, Schema parentSchema,
        SchemaContext schemaContext) {
      super(keyword, schemaNode, schemaLocation, parentSchema, schemaContext);
      this.ifSchema = subschema("if", parentSchema, schemaContext);
      this.thenSchema = subschema("then", parentSchema, schemaContext);
      this.elseSchema = subschema("else", parentSchema, schemaContext);
    }

    private static Schema subschema(String keyword, Schema parentSchema, SchemaContext schemaContext) {
      JsonNode node = parentSchema.getSchemaNode().get(keyword);
      return node == null ? null
          : schemaContext.newSchema(parentSchema.getSchemaLocation().append(keyword), node, parentSchema);
    }

    @Override
    public void validate(ExecutionContext context, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
      boolean conditionHolds = holds(context, node, rootNode, instanceLocation);
      Schema branch = conditionHolds ? thenSchema : elseSchema;
      if (branch == null) {
        return;
      }
      // Errors of the branch are reported under "then"/"else", not "if", as networknt does.
      context.evaluationPathRemoveLast();
      context.evaluationPathAddLast(conditionHolds ? "then" : "else");
      try {
        branch.validate(context, node, rootNode, instanceLocation);
      } finally {
        context.evaluationPathRemoveLast();
        context.evaluationPathAddLast("if");
      }
    }

    private boolean holds(ExecutionContext context, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
      boolean failFast = context.isFailFast();
      List<Error> outer = context.getErrors();
      List<Error> probe = new ArrayList<>(1);
      context.setErrors(probe);
      context.setFailFast(true);
      try {
        ifSchema.validate(context, node, rootNode, instanceLocation);
        return probe.isEmpty();
      } catch (FailFastAssertionException firstFailure) {
        return false;
      } finally {
        context.setErrors(outer);
        context.setFailFast(failFast);
      }
    }

    @Override
    public void preloadSchema() {
      for (Schema schema : new Schema[] {ifSchema, thenSchema, elseSchema}) {
        if (schema != null) {
          schema.initializeValidators();
        }
      }
    }
  }
}
