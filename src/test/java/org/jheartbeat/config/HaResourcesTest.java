package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HaResourcesTest {
  private static final Optional<List<String>> NODES = Optional.of(List.of("alpha", "bravo"));

  @TempDir Path tmp;

  private Path resourceDir;
  private Path initDir;
  private ScriptLookup scripts;
  private Problems problems;

  @BeforeEach
  void dirs() throws IOException {
    resourceDir = Files.createDirectories(tmp.resolve("resource.d"));
    initDir = Files.createDirectories(tmp.resolve("init.d"));
    scripts = new ScriptLookup(resourceDir, initDir);
    for (String s : new String[] {"httpd", "apache", "Filesystem", "MailTo"}) {
      script(initDir, s, "rwxr-xr-x");
    }
  }

  private static Path script(Path dir, String name, String mode) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    return p;
  }

  private Optional<HaResources> parse(String text) throws IOException {
    return parse(text, NODES);
  }

  private Optional<HaResources> parse(String text, Optional<List<String>> nodes) throws IOException {
    Path file = tmp.resolve("haresources");
    Files.writeString(file, text);
    problems = new Problems();
    return HaResourcesParser.parse(file, nodes, scripts, problems);
  }

  private List<String> errors() {
    return TestConfigs.formatted(problems.list().stream().filter(Problem::isError).toList(), tmp);
  }

  private List<String> warnings() {
    return TestConfigs.formatted(problems.list().stream().filter(p -> !p.isError()).toList(), tmp);
  }

  @Test
  void tutorialLine() throws IOException {
    HaResources res = parse("orasrv1.xlk.com IPaddr::192.168.21.1/24/eth0 httpd\n",
        Optional.of(List.of("orasrv1.xlk.com", "orasrv2.xlk.com"))).orElseThrow();
    assertThat(res.present()).isTrue();
    assertThat(res.groups()).containsExactly(new ResourceGroup("orasrv1.xlk.com", List.of(
        new ResourceSpec("IPaddr::192.168.21.1/24/eth0", "IPaddr", List.of("192.168.21.1/24/eth0")),
        new ResourceSpec("httpd", "httpd", List.of())), 1));
    ResourceGroup g = res.groups().get(0);
    assertThat(g.key()).isEqualTo("IPaddr::192.168.21.1/24/eth0");
    assertThat(g.text()).isEqualTo("orasrv1.xlk.com IPaddr::192.168.21.1/24/eth0 httpd");
    assertThat(problems.list()).isEmpty();
  }

  @Test
  void continuationLinesAreNumberedByTheirFirstLine() throws IOException {
    HaResources res = parse("# groups\n\nalpha 10.0.0.10 \\\n    Filesystem::/dev/sdb1::/data::ext4 \\\n\thttpd\n"
        + "bravo\t10.0.0.11   apache # comment\n").orElseThrow();
    assertThat(res.groups()).extracting(ResourceGroup::line).containsExactly(3, 6);
    assertThat(res.groups().get(0).text()).isEqualTo("alpha 10.0.0.10 Filesystem::/dev/sdb1::/data::ext4 httpd");
    assertThat(res.groups().get(1).text()).isEqualTo("bravo 10.0.0.11 apache");
    assertThat(problems.list()).isEmpty();
  }

  @Test
  void backslashOnTheLastLineEndsTheGroup() throws IOException {
    HaResources res = parse("alpha 10.0.0.10 httpd \\").orElseThrow();
    assertThat(res.groups()).singleElement().extracting(ResourceGroup::text).isEqualTo("alpha 10.0.0.10 httpd");
  }

  /** Found by the fuzzer: "httpd\\" kept a backslash that the dump then wrote as a continuation. */
  @Test
  void resourceEndingWithABackslashIsRefused() throws IOException {
    assertThat(parse("alpha 10.0.0.10 httpd\\\\\n")).isEmpty();
    assertThat(errors()).containsExactly(
        "haresources:1: resource 'httpd\\' ends with '\\' (a '\\' continues a line only as its last character)");
  }

  @Test
  void commentsOnlyFileHasNoGroups() throws IOException {
    HaResources res = parse("# nothing here\n   # indented\n\n").orElseThrow();
    assertThat(res.present()).isTrue();
    assertThat(res.groups()).isEmpty();
  }

  @Test
  void bareIpv4IsIpaddr() throws IOException {
    HaResources res = parse("alpha 10.0.0.10/24/eth0/10.0.0.255\n").orElseThrow();
    assertThat(res.groups().get(0).resources()).containsExactly(
        new ResourceSpec("10.0.0.10/24/eth0/10.0.0.255", "IPaddr", List.of("10.0.0.10/24/eth0/10.0.0.255")));
    assertThat(res.groups().get(0).key()).isEqualTo("10.0.0.10/24/eth0/10.0.0.255");
  }

  @Test
  void scriptArgumentsSplitOnDoubleColons() throws IOException {
    HaResources res = parse("alpha MailTo::a@example.com::subject\n").orElseThrow();
    assertThat(res.groups().get(0).resources()).containsExactly(
        new ResourceSpec("MailTo::a@example.com::subject", "MailTo", List.of("a@example.com", "subject")));
  }

  @Test
  void nodeMustBeConfiguredComparedCaseInsensitively() throws IOException {
    HaResources res = parse("ALPHA httpd\n").orElseThrow();
    assertThat(res.groups().get(0).preferredNode()).isEqualTo("alpha");
    assertThat(parse("charlie httpd\n")).isEmpty();
    assertThat(errors()).containsExactly("haresources:1: 'charlie' is not a node of ha.cf (the first word of a line"
        + " names the group's preferred node; nodes: alpha, bravo)");
  }

  @Test
  void nodesAreNotCheckedWhenHaCfCouldNotBeRead() throws IOException {
    assertThat(parse("charlie httpd\n", Optional.empty())).isPresent();
  }

  @Test
  void groupWithoutResourcesIsAnError() throws IOException {
    assertThat(parse("alpha\n")).isEmpty();
    assertThat(errors()).containsExactly("haresources:1: group of node 'alpha' lists no resources");
  }

  @Test
  void duplicateGroupKeyIsAnErrorAtTheSecondLineNamingTheFirst() throws IOException {
    assertThat(parse("alpha 10.0.0.10 httpd\n# other\nbravo 10.0.0.10 apache\n")).isEmpty();
    assertThat(errors()).containsExactly("haresources:3: group key '10.0.0.10' (the first resource) is already used"
        + " by the group at line 1; groups are known by their first resource, so it must be unique");
  }

  @Test
  void sameResourceInTwoGroupsWarns() throws IOException {
    assertThat(parse("alpha 10.0.0.10 httpd\nbravo 10.0.0.11 httpd\n")).isPresent();
    assertThat(warnings()).containsExactly("haresources:2: warning: resource 'httpd' also appears in the group at"
        + " line 1: two groups would start and stop the same resource");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "IPaddr::                | resource 'IPaddr::' has an empty argument (check the '::' separators)",
      "MailTo::a::::b          | resource 'MailTo::a::::b' has an empty argument (check the '::' separators)",
      "MailTo::                | resource 'MailTo::' has an empty argument (check the '::' separators)",
      "IPaddr                  | resource 'IPaddr': IPaddr needs an address: IPaddr::ADDRESS[/BITS[/INTERFACE[/BROADCAST]]]",
      "IPaddr::10.0.0.256      | resource 'IPaddr::10.0.0.256': '10.0.0.256' is not an IPv4 address",
      "IPaddr2::web.example.com| resource 'IPaddr2::web.example.com': 'web.example.com' is not an IPv4 address",
      "10.0.0.256/24           | resource '10.0.0.256/24': '10.0.0.256' is not an IPv4 address",
      "10.0.0.10/33            | resource '10.0.0.10/33': netmask bits '33' are not a number from 1 to 32",
      "10.0.0.10/0             | resource '10.0.0.10/0': netmask bits '0' are not a number from 1 to 32",
      "10.0.0.10/x             | resource '10.0.0.10/x': netmask bits 'x' are not a number from 1 to 32",
      "10.0.0.10/24/           | resource '10.0.0.10/24/': '' is not a network interface name",
      "10.0.0.10/24/averyveryverylongif | resource '10.0.0.10/24/averyveryverylongif': 'averyveryverylongif' is not a network interface name",
      "10.0.0.10/24/eth0/10.0.0 | resource '10.0.0.10/24/eth0/10.0.0': broadcast '10.0.0' is not an IPv4 address",
      "10.0.0.10/24/eth0/10.0.0.255/x | resource '10.0.0.10/24/eth0/10.0.0.255/x': too many '/' fields: ADDRESS[/BITS[/INTERFACE[/BROADCAST]]]",
      "a/b::c                  | resource 'a/b::c': 'a/b' is not a script name (write Script or Script::arg1::arg2)",
      "::x                     | resource '::x': '' is not a script name (write Script or Script::arg1::arg2)",
  })
  void badResources(String resource, String message) throws IOException {
    assertThat(parse("bravo httpd\nalpha " + resource + "\n")).isEmpty();
    assertThat(errors()).containsExactly("haresources:2: " + message);
  }

  @Test
  void missingScriptIsAWarningNotAnError() throws IOException {
    HaResources res = parse("alpha 10.0.0.10 nosuchd\n").orElseThrow();
    assertThat(res.groups()).hasSize(1);
    assertThat(errors()).isEmpty();
    assertThat(warnings()).containsExactly("haresources:1: warning: resource script 'nosuchd' is neither in CONFIG_DIR/resource.d"
        + " nor in CONFIG_DIR/init.d on this node: the group cannot start here");
  }

  @Test
  void ipaddrWithoutAScriptIsBuiltIn() throws IOException {
    assertThat(parse("alpha IPaddr::10.0.0.10 IPaddr2::10.0.0.11/24\n")).isPresent();
    assertThat(problems.list()).isEmpty();
    assertThat(scripts.locate("IPaddr")).isEqualTo(new ScriptLocation("IPaddr", ScriptLocation.Kind.BUILTIN, Optional.empty()));
    assertThat(scripts.locate("IPaddr2").kind()).isEqualTo(ScriptLocation.Kind.BUILTIN);
    assertThat(scripts.locate("IPaddr3").kind()).isEqualTo(ScriptLocation.Kind.MISSING);
  }

  @Test
  void resourceDirIsSearchedBeforeInitDir() throws IOException {
    Path inResourceDir = script(resourceDir, "httpd", "rwxr-xr-x");
    assertThat(scripts.locate("httpd"))
        .isEqualTo(new ScriptLocation("httpd", ScriptLocation.Kind.RESOURCE_D, Optional.of(inResourceDir)));
    assertThat(scripts.locate("apache"))
        .isEqualTo(new ScriptLocation("apache", ScriptLocation.Kind.INIT_D, Optional.of(initDir.resolve("apache"))));
    Path ipaddr = script(resourceDir, "IPaddr", "rwx------");
    assertThat(scripts.locate("IPaddr").kind()).isEqualTo(ScriptLocation.Kind.RESOURCE_D);
    assertThat(scripts.locate("IPaddr").path()).contains(ipaddr);
  }

  @Test
  void nonExecutableFileIsNotFound() throws IOException {
    script(resourceDir, "httpd", "rw-r--r--");
    assertThat(scripts.locate("httpd").kind()).isEqualTo(ScriptLocation.Kind.INIT_D);
    script(initDir, "lonely", "rw-r--r--");
    assertThat(scripts.locate("lonely").kind()).isEqualTo(ScriptLocation.Kind.MISSING);
    Files.createDirectories(resourceDir.resolve("adir"));
    assertThat(scripts.locate("adir").kind()).isEqualTo(ScriptLocation.Kind.MISSING);
    assertThat(parse("alpha lonely\n")).isPresent();
    assertThat(warnings()).singleElement().asString().contains("resource script 'lonely' is neither in");
  }

  @Test
  void errorsOfOtherFilesDoNotHideTheGroups() throws IOException {
    Path file = tmp.resolve("haresources");
    Files.writeString(file, "alpha 10.0.0.10\n");
    problems = new Problems();
    problems.error(tmp.resolve("ha.cf"), 3, "some ha.cf error");
    HaResources res = HaResourcesParser.parse(file, NODES, scripts, problems).orElseThrow();
    assertThat(res.groups()).extracting(ResourceGroup::key).containsExactly("10.0.0.10");
  }

  @Test
  void absentFileMeansNoGroups() {
    problems = new Problems();
    HaResources res = HaResourcesParser.parse(tmp.resolve("haresources"), NODES, scripts, problems).orElseThrow();
    assertThat(res.present()).isFalse();
    assertThat(res.groups()).isEmpty();
    assertThat(problems.list()).isEmpty();
  }

  @Test
  void loaderWarnsAboutAnAbsentFile() {
    ConfigPaths paths = TestConfigs.write(tmp.resolve("cfg"),
        "node alpha bravo\nbcast eth0\nauto_failback on\nlogfile /var/log/ha-log\n", TestConfigs.AUTHKEYS, null);
    ConfigReport report = ConfigLoader.load(paths, "alpha");
    assertThat(report.config().orElseThrow().haResources().groups()).isEmpty();
    assertThat(TestConfigs.warnings(report, paths))
        .containsExactly("haresources: warning: no haresources file: this node manages no resources");
  }

  @Test
  void localAndForeignGroups() throws IOException {
    HaResources res = parse("alpha 10.0.0.10 httpd\nbravo 10.0.0.11\nalpha 10.0.0.12\n").orElseThrow();
    assertThat(res.localTo("alpha")).extracting(ResourceGroup::key).containsExactly("10.0.0.10", "10.0.0.12");
    assertThat(res.foreignTo("alpha")).extracting(ResourceGroup::key).containsExactly("10.0.0.11");
    assertThat(res.localTo("bravo")).extracting(ResourceGroup::key).containsExactly("10.0.0.11");
    assertThat(res.foreignTo("bravo")).extracting(ResourceGroup::key).containsExactly("10.0.0.10", "10.0.0.12");
    assertThat(res.group("10.0.0.11")).map(ResourceGroup::preferredNode).contains("bravo");
    assertThat(res.group("httpd")).isEmpty();
  }

  @Test
  void everyBadLineIsReported() throws IOException {
    assertThat(parse("charlie httpd\nalpha 10.0.0.300\nbravo IPaddr::\nalpha httpd\nbravo httpd\n")).isEmpty();
    assertThat(errors()).containsExactly(
        "haresources:1: 'charlie' is not a node of ha.cf (the first word of a line names the group's preferred node; nodes: alpha, bravo)",
        "haresources:2: resource '10.0.0.300': '10.0.0.300' is not an IPv4 address",
        "haresources:3: resource 'IPaddr::' has an empty argument (check the '::' separators)",
        "haresources:5: group key 'httpd' (the first resource) is already used by the group at line 4;"
            + " groups are known by their first resource, so it must be unique");
  }

  @Test
  void builtInWebResourceNeedsNoScriptAndChecksItsArguments() throws IOException {
    Optional<HaResources> ok = parse("alpha jhbweb::127.0.0.100::8099\n");
    assertThat(errors()).isEmpty();
    assertThat(warnings()).isEmpty();
    assertThat(ok.orElseThrow().groups().get(0).resources().get(0).args()).containsExactly("127.0.0.100", "8099");
    assertThat(scripts.locate("jhbweb").kind()).isEqualTo(ScriptLocation.Kind.BUILTIN);

    assertThat(parse("alpha jhbweb::127.0.0.100\n")).isEmpty();
    assertThat(errors()).singleElement().asString().contains("jhbweb takes two arguments: jhbweb::ADDRESS::PORT");
    assertThat(parse("alpha jhbweb::web.example::80\n")).isEmpty();
    assertThat(errors()).singleElement().asString().contains("'web.example' is not an IPv4 address");
    assertThat(parse("alpha jhbweb::127.0.0.100::65536\n")).isEmpty();
    assertThat(errors()).singleElement().asString().contains("port '65536' is not a number from 1 to 65535");
  }
}
