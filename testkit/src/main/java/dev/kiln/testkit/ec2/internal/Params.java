package dev.kiln.testkit.ec2.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one EC2 Query request, with EC2's numbered lists: {@code InstanceId.1},
 * {@code Filter.1.Name} / {@code Filter.1.Value.1}, {@code TagSpecification.1.Tag.1.Key}.
 * Empty values were dropped when decoding, so they read as absent.
 */
public final class Params {
    private final Map<String, String> values;
    private final String prefix;

    public Params(Map<String, String> values) {
        this(values, "");
    }

    private Params(Map<String, String> values, String prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    /** The value, or null when absent. */
    public String string(String name) {
        return values.get(prefix + name);
    }

    public String string(String name, String fallback) {
        String value = string(name);
        return value == null ? fallback : value;
    }

    /** The value; a MissingParameter error when absent. */
    public String required(String name) {
        String value = string(name);
        if (value == null) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter " + prefix + name);
        }
        return value;
    }

    public boolean bool(String name, boolean fallback) {
        String value = string(name);
        if (value == null) {
            return fallback;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw Ec2Error.invalidValue("Value (" + value + ") for parameter " + prefix + name + " is invalid. Expected true or false.");
        }
        return Boolean.parseBoolean(value);
    }

    public int integer(String name, int fallback) {
        String value = string(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Ec2Error.invalidValue("Value (" + value + ") for parameter " + prefix + name + " is invalid. Expected a number.");
        }
    }

    /** A list of plain values: {@code name.1}, {@code name.2}, ... in index order. */
    public List<String> list(String name) {
        Pattern pattern = Pattern.compile(Pattern.quote(prefix + name) + "\\.(\\d+)");
        TreeMap<Integer, String> found = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Matcher m = pattern.matcher(entry.getKey());
            if (m.matches()) {
                found.put(Integer.parseInt(m.group(1)), entry.getValue());
            }
        }
        return new ArrayList<>(found.values());
    }

    /** A list of structures: {@code name.1.*}, {@code name.2.*}, ... each as its own Params. */
    public List<Params> members(String name) {
        Pattern pattern = Pattern.compile(Pattern.quote(prefix + name) + "\\.(\\d+)\\..+");
        TreeMap<Integer, Params> found = new TreeMap<>();
        for (String key : values.keySet()) {
            Matcher m = pattern.matcher(key);
            if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                found.computeIfAbsent(index, i -> new Params(values, prefix + name + "." + i + "."));
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The structure under {@code name.}, e.g. {@code Placement.AvailabilityZone}. */
    public Params member(String name) {
        return new Params(values, prefix + name + ".");
    }

    /** Every parameter, for the call log. */
    public Map<String, String> all() {
        return values;
    }
}
