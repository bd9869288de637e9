package io.github.ser.function.testing;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code template.yaml} as CloudFormation reads it: the short tags ({@code !Ref X}, {@code !Sub "..."},
 * {@code !GetAtt A.B}, {@code !If [...]}) become their long forms ({@code {"Ref": "X"}}, {@code {"Fn::Sub": ...}},
 * {@code {"Fn::GetAtt": ["A", "B"]}}); and {@link #resolve} evaluates conditions and {@code Fn::If} for given
 * parameter values, as the {@code AWS::LanguageExtensions} transform does before SAM runs. Used by the tests that
 * keep the template's rules (cfn-lint is a Python tool and cannot be installed on a fresh machine).
 */
public final class CloudFormationTemplate {
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString");

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    /** The repository's {@code template.yaml}. */
    public static CloudFormationTemplate load() {
        return load(RepoFiles.root().resolve("template.yaml"));
    }

    public static CloudFormationTemplate load(Path file) {
        try {
            return new CloudFormationTemplate(new Yaml(new ShortTags()).load(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> section(String name) {
        return map(root.getOrDefault(name, Map.of()));
    }

    public Map<String, Object> resource(String logicalId) {
        return map(Objects.requireNonNull(section("Resources").get(logicalId), "no resource " + logicalId));
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).getOrDefault("Properties", Map.of()));
    }

    /** Logical ids of the resources of one type, in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        section("Resources").forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Every parameter at its default. */
    public Map<String, Object> defaults() {
        Map<String, Object> values = new HashMap<>();
        section("Parameters").forEach((name, parameter) -> values.put(name, map(parameter).get("Default")));
        return values;
    }

    /**
     * {@code value} with every {@code Fn::If} replaced by the branch its condition selects, every {@code Ref} to a
     * parameter by the parameter's value and every {@code Fn::FindInMap} by the value it finds; {@code AWS::NoValue}
     * removes the entry. Anything else stays as it is.
     */
    public Object resolve(Object value, Map<String, Object> parameters) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Object key = m.keySet().iterator().next();
            Object argument = m.values().iterator().next();
            if ("Fn::If".equals(key)) {
                List<?> branches = (List<?>) argument;
                return resolve(condition((String) branches.get(0), parameters) ? branches.get(1) : branches.get(2), parameters);
            }
            if ("Ref".equals(key) && parameters.containsKey(argument)) {
                return parameters.get(argument);
            }
            if ("Fn::FindInMap".equals(key)) {
                List<?> path = (List<?>) argument;
                Object top = map(section("Mappings").get(String.valueOf(resolve(path.get(0), parameters))))
                        .get(String.valueOf(resolve(path.get(1), parameters)));
                return resolve(map(top).get(String.valueOf(resolve(path.get(2), parameters))), parameters);
            }
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object resolved = resolve(v, parameters);
                if (!isNoValue(resolved)) {
                    out.put((String) k, resolved);
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> resolve(v, parameters)).filter(v -> !isNoValue(v)).toList();
        }
        return value;
    }

    /** A condition of the {@code Conditions} section, evaluated for the given parameter values. */
    public boolean condition(String name, Map<String, Object> parameters) {
        return truth(section("Conditions").get(name), parameters);
    }

    /** {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or} and {@code Condition} over parameters. */
    public boolean truth(Object expression, Map<String, Object> parameters) {
        Map<String, Object> e = map(expression);
        String function = e.keySet().iterator().next();
        Object argument = e.get(function);
        return switch (function) {
            case "Fn::Equals" -> {
                List<?> sides = (List<?>) argument;
                yield String.valueOf(resolve(sides.get(0), parameters)).equals(String.valueOf(resolve(sides.get(1), parameters)));
            }
            case "Fn::Not" -> !truth(((List<?>) argument).get(0), parameters);
            case "Fn::And" -> ((List<?>) argument).stream().allMatch(a -> truth(a, parameters));
            case "Fn::Or" -> ((List<?>) argument).stream().anyMatch(a -> truth(a, parameters));
            case "Condition" -> condition((String) argument, parameters);
            default -> throw new IllegalArgumentException("not a condition function: " + function);
        };
    }

    private static boolean isNoValue(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a list, got " + value);
        }
        return (List<Object>) value;
    }

    /** The short forms of the intrinsic functions, as their long forms. */
    private static final class ShortTags extends SafeConstructor {
        ShortTags() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new Intrinsic("Fn::GetAtt"));
            FUNCTIONS.forEach(name -> yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name)));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // !GetAtt Resource.Attribute is short for ["Resource", "Attribute"]
                    value = name.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(name, value);
            }
        }
    }
}
