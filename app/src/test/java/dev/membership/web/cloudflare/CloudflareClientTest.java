package dev.membership.web.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The official Cloudflare TypeScript client (npm {@code cloudflare} 7.3.0), installed by this test into
 * {@code target/}, drives every account-member and user-group call against the running service.
 */
class CloudflareClientTest extends ApiTestSupport {

    private static final Path SOURCE = Path.of("src", "test", "cloudflare-client");
    private static final Path WORK = Path.of("target", "cloudflare-client");

    @LocalServerPort
    private int port;

    @Test
    void theOfficialClient_listsGetsAddsReplacesClearsAndRemovesMembers_andManagesUserGroups() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String otherOwner = email("other");
        UUID otherOrg = createOrganization(otherOwner);
        String userRole = roleId(org, owner, "User");
        for (int batch = 0; batch < 3; batch++) {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < (batch < 2 ? 100 : 49); i++) {
                users.add("{\"email\": \"cf-" + batch + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 6)
                        + "@acme.test\", \"roles\": [\"" + userRole + "\"]}");
            }
            assertThat(http.as(TestTokens.user(owner)).post("/workspace/orgs/" + org + "/members/users",
                    "{\"users\": [" + String.join(",", users) + "]}").status()).isEqualTo(201);
        }

        JsonNode findings = runScenario(Map.of(
                "CF_BASE_URL", "http://127.0.0.1:" + port + "/client/v4",
                "CF_TOKEN", TestTokens.user(owner),
                "CF_ACCOUNT_ID", org.toString().replace("-", ""),
                "CF_OTHER_ACCOUNT_ID", otherOrg.toString()));

        assertThat(findings.get("accountMembers").asInt()).isEqualTo(250);
        assertThat(findings.get("pendingAccountMembers").asInt()).isEqualTo(249);
        assertThat(findings.get("replacedWith").asInt()).isEqualTo(250);
        assertThat(findings.get("walked").asInt()).isEqualTo(250);
        assertThat(findings.get("walkedDistinct").asInt()).isEqualTo(250);
        assertThat(findings.get("renamedTo").asText()).isEqualTo("Readers and writers");
        assertThat(findings.get("afterClear").asInt()).isZero();
        assertThat(findings.get("deletedId").asText()).isEqualTo(findings.get("groupId").asText()).matches("[0-9a-f]{32}");
        assertThat(findings.get("afterDeleteStatus").asInt()).isEqualTo(404);
    }

    private static JsonNode runScenario(Map<String, String> environment) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "scenario.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules").resolve("cloudflare"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), Map.of(), 600);
        }
        String output = run(List.of("node", "scenario.mjs"), environment, 300);
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        return new ObjectMapper().readTree(last);
    }

    private static String run(List<String> command, Map<String, String> environment, int timeoutSeconds)
            throws IOException, InterruptedException {
        // the output goes to a file, so that the wait below bounds a process that hangs without closing it
        Path log = Files.createTempFile(WORK, "run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("%s finished within %d s; its output:%n%s", command, timeoutSeconds, text).isTrue();
        assertThat(process.exitValue()).as("%s exited with output:%n%s", command, text).isZero();
        return text;
    }
}
