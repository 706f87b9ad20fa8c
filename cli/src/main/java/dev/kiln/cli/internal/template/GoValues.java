package dev.kiln.cli.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** JSON values written as Go's weakly typed decoding writes them into a string. */
public final class GoValues {
    private GoValues() {
    }

    /** A JSON number as Go's {@code strconv.FormatFloat(f, 'f', -1, 64)}: {@code 5}, {@code 1.5}. */
    public static String number(JsonNode node) {
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }

    /** Go's strconv.ParseBool: {@code 1 t T TRUE true True} and their opposites; null for anything else. */
    public static Boolean parseBool(String text) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> null;
        };
    }

    /**
     * A scalar JSON value as Go's weakly typed decoding writes it into a string: text as it is, a number as
     * {@link #number(JsonNode)}, a boolean as {@code 1} or {@code 0}; null for arrays, objects and null.
     */
    public static String weakString(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber()) {
            return number(node);
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "1" : "0";
        }
        return null;
    }
}
