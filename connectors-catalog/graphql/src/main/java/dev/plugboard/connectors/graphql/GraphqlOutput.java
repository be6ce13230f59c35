package dev.plugboard.connectors.graphql;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The result of the GraphQL connector.
 *
 * @param data the operation's {@code data}
 * @param extensions the response's {@code extensions} (cost, tracing), when the server sent any
 * @param status the HTTP status code
 * @param headers response headers, names in lower case
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphqlOutput(
    Object data, Map<String, Object> extensions, int status, Map<String, String> headers) {}
