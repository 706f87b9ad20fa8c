package dev.kiln.cli.internal.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateTest {
    private static final Instant START = Instant.parse("2026-11-26T07:30:05.120Z");
    private static final TemplateContext CTX = new TemplateContext(Map.of("region", "us-east-1", "name", "Web App"),
            false, name -> name.equals("HOME") ? "/home/kiln" : null, "amazon-ebs", "amazon-ebs",
            Path.of("/work/templates/base.json"), Map.of(), START, Path.of("/work"));

    private static String render(String text, TemplateContext ctx) throws TemplateException {
        return GoTemplate.parse(text).execute(ctx);
    }

    private static String render(String text) throws TemplateException {
        return render(text, CTX);
    }

    @Test
    void textWithoutActionsIsCopied() throws TemplateException {
        assertThat(render("plain { text } with braces")).isEqualTo("plain { text } with braces");
        assertThat(GoTemplate.isLiteral("plain")).isTrue();
        assertThat(GoTemplate.isLiteral("{{timestamp}}")).isFalse();
    }

    @Test
    void userReadsVariablesWithRawOrQuotedNames() throws TemplateException {
        assertThat(render("{{user `region`}}-{{ user \"region\" }}")).isEqualTo("us-east-1-us-east-1");
    }

    @Test
    void userOfAnUnknownVariableIsEmptyOutsideVariablesAndAnErrorInside() throws TemplateException {
        assertThat(render("[{{user `nope`}}]")).isEqualTo("[]");
        assertThatThrownBy(() -> render("{{user `nope`}}", CTX.withEnvAllowed(true)))
                .hasMessageContaining("error calling user: Error: variable not set: nope");
    }

    @Test
    void envIsAllowedOnlyWhereTheContextAllowsIt() throws TemplateException {
        assertThat(render("{{env `HOME`}}|{{env `UNSET`}}", CTX.withEnvAllowed(true))).isEqualTo("/home/kiln|");
        assertThatThrownBy(() -> render("{{env `HOME`}}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template: root:1:2: executing \"root\" at <env `HOME`>: error calling env: env vars are "
                        + "not allowed here");
    }

    @Test
    void timestampIsTheRunsStartInUnixSeconds() throws TemplateException {
        assertThat(render("packer-base-{{timestamp}}")).isEqualTo("packer-base-" + START.getEpochSecond());
    }

    @Test
    void isotimeFormatsTheStartWithGoLayouts() throws TemplateException {
        assertThat(render("{{isotime}}")).isEqualTo("2026-11-26T07:30:05Z");
        assertThat(render("{{isotime \"2006-01-02\"}}")).isEqualTo("2026-11-26");
        assertThat(render("{{ isotime `20060102-1504` }}")).isEqualTo("20261126-0730");
        assertThatThrownBy(() -> render("{{isotime \"a\" \"b\"}}")).hasMessageContaining("too many values, 1 needed");
    }

    @Test
    void uuidIsTimeOrderedWithTheCurrentTimeInItsFirstGroup() throws TemplateException {
        long before = Instant.now().getEpochSecond();
        String uuid = render("{{uuid}}");
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(Long.parseLong(uuid.substring(0, 8), 16)).isBetween(before, Instant.now().getEpochSecond());
        assertThat(render("{{uuid}}")).isNotEqualTo(uuid);
    }

    @Test
    void buildNameAndTypeNeedABuild() throws TemplateException {
        assertThat(render("{{build_name}}/{{build_type}}")).isEqualTo("amazon-ebs/amazon-ebs");
        TemplateContext noBuild = CTX.withBuild(null, null);
        assertThatThrownBy(() -> render("{{build_name}}", noBuild)).hasMessageContaining("build_name not available");
        assertThatThrownBy(() -> render("{{build_type}}", noBuild)).hasMessageContaining("build_type not available");
    }

    @Test
    void templateDirAndPwd() throws TemplateException {
        assertThat(render("{{template_dir}}:{{pwd}}")).isEqualTo("/work/templates:/work");
        assertThatThrownBy(() -> render("{{template_dir}}", CTX.withTemplatePath(null)))
                .hasMessageContaining("template path not available");
    }

    @Test
    void splitTakesTheNthPart() throws TemplateException {
        assertThat(render("{{split \"a-b-c\" \"-\" 1}}")).isEqualTo("b");
        assertThat(render("{{split (user `region`) \"-\" 2}}")).isEqualTo("1");
        assertThatThrownBy(() -> render("{{split \"a-b\" \"-\" 5}}"))
                .hasMessageContaining("the substring 5 was unavailable using the separator value, -, only 2 values "
                        + "were found");
        assertThatThrownBy(() -> render("{{split \"a-b\" \"-\" \"1\"}}"))
                .hasMessage("template: root:1:18: executing \"root\" at <\"1\">: expected integer; found \"1\"");
    }

    @Test
    void replaceAndReplaceAll() throws TemplateException {
        assertThat(render("{{replace \"a\" \"b\" 1 \"aaa\"}}")).isEqualTo("baa");
        assertThat(render("{{replace \"a\" \"b\" -1 \"aaa\"}}")).isEqualTo("bbb");
        assertThat(render("{{replace \"\" \"-\" 2 \"ab\"}}")).isEqualTo("-a-b");
        assertThat(render("{{replace_all \"-\" \"_\" \"us-east-1\"}}")).isEqualTo("us_east_1");
    }

    @Test
    void lowerAndUpper() throws TemplateException {
        assertThat(render("{{lower `ABC`}}{{upper `def`}}")).isEqualTo("abcDEF");
    }

    @Test
    void cleanResourceNameReplacesWhatEc2RefusesInAnAmiName() throws TemplateException {
        assertThat(render("{{clean_resource_name `web: build #1 (test) [x] a.b/c's@d_e`}}"))
                .isEqualTo("web- build -1 (test) [x] a.b/c's@d_e");
        assertThat(render("{{ isotime | clean_resource_name }}")).isEqualTo("2026-11-26T07-30-05Z");
    }

    @Test
    void pipesPassTheValueAsTheLastArgument() throws TemplateException {
        assertThat(render("{{ user `name` | lower | replace_all \" \" \"-\" }}")).isEqualTo("web-app");
        assertThat(render("{{ upper (user `region`) }}")).isEqualTo("US-EAST-1");
        assertThat(render("{{ lower build_name }}")).isEqualTo("amazon-ebs");
    }

    @Test
    void fieldsComeFromTheData() throws TemplateException {
        TemplateContext command = CTX.withData(Map.of("Path", "{{.Path}}", "Vars", "{{.Vars}}"));
        assertThat(render("chmod +x {{ .Path }}; {{ .Vars }} sudo -E {{.Path}}", command))
                .isEqualTo("chmod +x {{.Path}}; {{.Vars}} sudo -E {{.Path}}");
        assertThatThrownBy(() -> render("{{.Pth}}", command)).hasMessageContaining("can't evaluate field Pth");
    }

    @Test
    void withoutDataEveryFieldIsGosNoValue() throws TemplateException {
        assertThat(render("user-{{ .SourceAMIName }}")).isEqualTo("user-<no value>");
        assertThatThrownBy(() -> render("xyz-{{ .SourceAMIName | clean_resource_name }}")).hasMessage("template: "
                + "root:1:24: executing \"root\" at <clean_resource_name>: invalid value; expected string");
    }

    @Test
    void aMapFieldIsReadByKeyAndPrintedAsGoPrintsAMap() throws TemplateException {
        TemplateContext build = CTX.withData(Map.of("SourceAMIName", "base", "SourceAMITags", Map.of("b", "2", "a", "1")));
        assertThat(render("{{ .SourceAMITags.a }}|{{ .SourceAMITags.nope }}|{{ .SourceAMITags }}", build))
                .isEqualTo("1|<no value>|map[a:1 b:2]");
        assertThat(render("{{ .SourceAMIName | upper }}", build)).isEqualTo("BASE");
        assertThatThrownBy(() -> render("{{ .SourceAMIName.Foo }}", build))
                .hasMessageContaining("can't evaluate field Foo in type string");
        assertThatThrownBy(() -> render("{{ .SourceAMINme }}", build)).hasMessageContaining(
                "can't evaluate field SourceAMINme: Kiln's templates have only .SourceAMIName, .SourceAMITags");
    }

    @Test
    void trimMarkersAndCommentsWorkAsInGo() throws TemplateException {
        assertThat(render("a  {{- `b` -}}  c")).isEqualTo("abc");
        assertThat(render("a{{/* a comment */}}b")).isEqualTo("ab");
    }

    @Test
    void unknownAndUnsupportedFunctionsAreParseErrors() {
        assertThatThrownBy(() -> GoTemplate.parse("x\n{{ nope }}")).hasMessage("template: root:2: function \"nope\" not defined");
        assertThatThrownBy(() -> GoTemplate.parse("{{ vault `secret/x` `k` }}"))
                .hasMessageContaining("function \"vault\" is not supported by Kiln; supported: build_name,");
        assertThatThrownBy(() -> GoTemplate.parse("{{ consul_key `x` }}")).hasMessageContaining("not supported by Kiln");
    }

    @Test
    void controlStructuresAndBrokenActionsAreParseErrors() {
        assertThatThrownBy(() -> GoTemplate.parse("{{if true}}x{{end}}")).hasMessageContaining("{{if}} is not supported");
        assertThatThrownBy(() -> GoTemplate.parse("{{timestamp")).hasMessage("template: root:1: unclosed action");
        assertThatThrownBy(() -> GoTemplate.parse("{{ user `x }}")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> GoTemplate.parse("{{}}")).hasMessageContaining("missing value for command");
    }

    @Test
    void wrongArgumentCountsFailWhenExecuted() throws TemplateException {
        GoTemplate t = GoTemplate.parse("{{lower}}");
        assertThatThrownBy(() -> t.execute(CTX)).hasMessageContaining("wrong number of args for lower: want 1 got 0");
    }

    @Test
    void constantArgumentsListTheVariablesATemplateReads() throws TemplateException {
        assertThat(GoTemplate.parse("{{user `a`}}-{{ upper (user \"b\") }}-{{env `C`}}").constantArguments("user"))
                .containsExactly("a", "b");
    }
}
