package dev.trainyard.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import dev.trainyard.deployment.ComposeService.Mount;
import dev.trainyard.store.s3.S3Settings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment in {@code docker/} (no Docker engine needed): the settings that
 * {@code compose.yaml} gives Trainyard are real properties and bind, the Dockerfile
 * copies the jar the build makes, every mounted file exists, and Prometheus, Alertmanager
 * and Grafana are wired to each other and use the metric names of the contract (CONTRACT
 * §6).
 */
class DockerDeploymentTests {

	private static final Path DOCKER = Path.of("docker");

	private static final Path COMPOSE = DOCKER.resolve("compose.yaml");

	private static final Path DOCKERFILE = DOCKER.resolve("Dockerfile");

	/** CONTRACT §6: the metric names as Prometheus shows them. */
	private static final Set<String> CONTRACT_METRICS = Set.of("trainyard_model_age_seconds",
			"trainyard_model_freshness_max_age_seconds", "trainyard_last_successful_training_timestamp_seconds",
			"trainyard_runs_total", "trainyard_retries_total", "trainyard_checkpoint_write_seconds",
			"trainyard_error_budget_remaining_ratio", "trainyard_incidents_open",
			"trainyard_incident_deliveries_pending", "resilience4j_circuitbreaker_state");

	/** Exported by Trainyard beyond the contract (FreshnessMetricsTests checks it). */
	private static final Set<String> EXTENSION_METRICS = Set.of("trainyard_model_freshness_warn_age_seconds");

	/**
	 * The histograms (the contract's, and time-to-resolve beyond it): Prometheus has
	 * their _bucket, _count and _sum series.
	 */
	private static final Set<String> HISTOGRAMS = Set.of("trainyard_checkpoint_write_seconds",
			"trainyard_incident_time_to_resolve_seconds");

	/** Environment variables that the JVM or the AWS SDK reads: not Spring settings. */
	private static final List<String> NOT_SPRING_SETTINGS = List.of("AWS_", "JAVA_", "JDK_JAVA_OPTIONS");

	private static final SpringSettings SETTINGS = SpringSettings.fromClasspath();

	@Test
	void everySpringSettingThatComposeGivesTrainyardIsAProperty() {
		ComposeService trainyard = ComposeService.of(yaml(COMPOSE), "trainyard");
		assertThat(trainyard.environment()).containsKeys("SPRING_DATASOURCE_URL", "TRAINYARD_STORE_S3_BUCKET",
				"TRAINYARD_SECURITY_USERS_0_NAME", "AWS_REGION");
		assertThat(unknownSettings(trainyard)).isEmpty();
	}

	@Test
	void settingsCheckRejectsNamesThatAreNoProperty() {
		assertThat(SETTINGS.size()).as("properties in the metadata on the classpath").isGreaterThan(1000);
		assertThat(SETTINGS.isEnvironmentVariable("TRAINYARD_STORE_S3_BUCKET")).isTrue();
		assertThat(SETTINGS.isEnvironmentVariable("TRAINYARD_STORE_S3_BUCKETT")).isFalse();
		assertThat(SETTINGS.isEnvironmentVariable("TRAINYARD_STORE_S3_PATHSTYLEACCESS")).isTrue();
		assertThat(SETTINGS.isEnvironmentVariable("TRAINYARD_STORE_S3_PATH_STYLE_ACCESS"))
			.as("bound by Spring as a legacy form, but not the canonical one")
			.isFalse();
		assertThat(SETTINGS.isEnvironmentVariable("TRAINYARD_SECURITY_USERS_1_PASSWORD")).isTrue();
		assertThat(SETTINGS.isEnvironmentVariable("TRAINYARD_SECURITY_USERS_0_LOGIN")).isFalse();
		assertThat(SETTINGS.isEnvironmentVariable("TRAINYARD_SECURITY_USERS_NAME")).as("no index").isFalse();
		assertThat(SETTINGS.isEnvironmentVariable("TRAINYARD_DATADIR")).isTrue();
		assertThat(SETTINGS.isEnvironmentVariable("LOGGING_LEVEL_DEV_TRAINYARD")).as("a map key").isTrue();
		assertThat(SETTINGS.isOption("trainyard.security.users[0].roles")).isTrue();
		assertThat(SETTINGS.isOption("trainyard.security.users[0].role")).isFalse();
		assertThat(SETTINGS.isOption("jobs-dir")).isTrue();

		ComposeService wrong = ComposeService.of(yaml("""
				services:
				  trainyard:
				    environment:
				      TRAINYARD_STORE_S3_BUCKETT: trainyard
				      SERVER_PORT: "8080"
				      AWS_REGION: us-east-1
				    command: ["--trainyard.store.s3.endpoint=http://s3:9000", "--trainyard.store.s3.path-style=true"]
				"""), "trainyard");
		assertThat(unknownSettings(wrong)).containsExactly("TRAINYARD_STORE_S3_BUCKETT",
				"--trainyard.store.s3.path-style");
	}

	@Test
	void trainyardSettingsInComposeBindToTheirProperties() {
		Map<String, Object> environment = new LinkedHashMap<>(
				ComposeService.of(yaml(COMPOSE), "trainyard").environmentWithDefaults());
		Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));
		S3Settings s3 = binder.bind("trainyard.store.s3", S3Settings.class).get();
		assertThat(s3.bucket()).isEqualTo("trainyard");
		assertThat(s3.endpoint()).hasToString("http://localstack:4566");
		assertThat(s3.pathStyleAccess()).isTrue();
		assertThat(s3.region()).isEqualTo("us-east-1");
		assertThat(binder.bind("trainyard.security.users[0].name", String.class).get()).isEqualTo("admin");
		assertThat(binder.bind("trainyard.security.users[0].roles", Bindable.listOf(String.class)).get())
			.containsExactly("ADMIN");
		assertThat(binder.bind("trainyard.security.users[1].name", String.class).isBound()).isFalse();
		assertThat(binder.bind("spring.datasource.url", String.class).get())
			.isEqualTo("jdbc:postgresql://postgres:5432/trainyard");
	}

	@Test
	void composeBuildsTheDockerfileThatCopiesTheJarOfTheBuild() throws Exception {
		JsonNode build = ComposeService.of(yaml(COMPOSE), "trainyard").node().path("build");
		Path context = DOCKER.resolve(build.path("context").asString()).normalize();
		assertThat(context.toAbsolutePath()).as("build context").isEqualTo(Path.of("").toAbsolutePath());
		assertThat(context.resolve(build.path("dockerfile").asString()).normalize()).isEqualTo(DOCKERFILE);

		Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);
		String jar = "target/" + finalName() + ".jar";
		assertThat(dockerfile.copiedFromContext()).contains(jar)
			.filteredOn((source) -> !source.equals(jar))
			.allSatisfy((source) -> assertThat(context.resolve(source)).exists());
		assertThat(dockerfile.entrypointOptions()).isNotEmpty()
			.allSatisfy((option) -> assertThat(SETTINGS.isOption(option)).as(option).isTrue());
	}

	@Test
	void imageHasTheOpenMpRuntimeThatXgboostLoads() throws IOException {
		String runtimeStage = Files.readString(DOCKERFILE).substring(Files.readString(DOCKERFILE).lastIndexOf("FROM "));
		assertThat(runtimeStage).as("the runtime stage installs libgomp1 (libxgboost4j.so links libgomp.so.1)")
			.containsPattern("apt-get install [^\\n]*libgomp1");
	}

	@Test
	void everyFileThatComposeMountsIsInTheRepository() throws IOException {
		JsonNode compose = yaml(COMPOSE);
		Set<String> namedVolumes = new TreeSet<>(compose.path("volumes").propertyNames());
		List<Path> mounted = new ArrayList<>();
		for (String service : compose.path("services").propertyNames()) {
			for (Mount mount : ComposeService.of(compose, service).mounts()) {
				if (mount.isBind()) {
					Path source = DOCKER.resolve(mount.source()).normalize();
					assertThat(source).as(service + ": " + mount).exists();
					mounted.add(source);
				}
				else if (!mount.source().isEmpty()) {
					assertThat(namedVolumes).as(service + ": " + mount).contains(mount.source());
				}
			}
		}
		try (Stream<Path> files = Files.walk(DOCKER)) {
			assertThat(files.filter(Files::isRegularFile)
				.filter((file) -> !file.equals(COMPOSE) && !file.equals(DOCKERFILE)))
				.as("files of docker/ that no service mounts")
				.allSatisfy((file) -> assertThat(mounted).anyMatch(file::startsWith));
		}
	}

	@Test
	void localStackCreatesTheBucketThatTrainyardUses() throws IOException {
		JsonNode compose = yaml(COMPOSE);
		ComposeService trainyard = ComposeService.of(compose, "trainyard");
		ComposeService localstack = ComposeService.of(compose, "localstack");
		String bucket = trainyard.environment().get("TRAINYARD_STORE_S3_BUCKET");
		assertThat(trainyard.environment()).containsEntry("TRAINYARD_STORE_S3_ENDPOINT", "http://localstack:4566");
		Path hook = mountedFiles(localstack).entrySet()
			.stream()
			.filter((mount) -> mount.getKey().startsWith("/etc/localstack/init/ready.d/"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow();
		assertThat(hook).isExecutable();
		assertThat(Files.readString(hook)).startsWith("#!").contains("bucket=" + bucket, "create-bucket");
		assertThat(localstack.node().path("healthcheck").path("test").toString()).contains("head-bucket", bucket);
		for (String dependency : List.of("postgres", "localstack")) {
			assertThat(trainyard.node().path("depends_on").path(dependency).path("condition").asString())
				.isEqualTo("service_healthy");
			assertThat(compose.path("services").path(dependency).path("healthcheck").isObject()).isTrue();
		}
	}

	@Test
	void prometheusScrapesTrainyardAndLoadsTheMountedAlertRules() {
		JsonNode compose = yaml(COMPOSE);
		Map<String, Path> mounted = mountedFiles(ComposeService.of(compose, "prometheus"));
		assertThat(mounted).as("the image's default configuration file").containsKey("/etc/prometheus/prometheus.yml");
		JsonNode config = yaml(mounted.get("/etc/prometheus/prometheus.yml"));
		List<Path> ruleFiles = new ArrayList<>();
		config.path("rule_files").forEach((file) -> ruleFiles.add(mounted.get(file.asString())));
		assertThat(ruleFiles).containsExactly(DOCKER.resolve("prometheus/alert-rules.yaml"));

		JsonNode job = config.path("scrape_configs").get(0);
		assertThat(job.path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
		assertThat(job.path("static_configs").get(0).path("targets").get(0).asString()).isEqualTo("trainyard:8080");
		assertThat(config.path("alerting").path("alertmanagers").get(0).path("static_configs").get(0).path("targets"))
			.singleElement()
			.satisfies((target) -> assertThat(target.asString()).isEqualTo("alertmanager:9093"));
		assertThat(compose.path("services").propertyNames()).contains("trainyard", "alertmanager");
	}

	@Test
	void alertRulesCoverTrainyardDownFreshnessErrorBudgetsAndFailingRuns() {
		Map<String, String> severities = new HashMap<>();
		alertRules().forEach((rule) -> severities.put(rule.path("alert").asString(),
				rule.path("labels").path("severity").asString()));
		assertThat(severities)
			.containsOnlyKeys("TrainyardDown", "TrainyardModelStale", "TrainyardModelFreshnessWarning",
					"TrainyardErrorBudgetLow", "TrainyardErrorBudgetExhausted", "TrainyardRunsFailing",
					"TrainyardIncidentOpen", "TrainyardIncidentDeliveriesStuck", "TrainyardSinkCircuitOpen")
			.allSatisfy((alert, severity) -> assertThat(severity).as(alert).isIn("critical", "warning"));
		assertThat(yaml(DOCKER.resolve("alertmanager/alertmanager.yaml")).path("route").path("receiver").asString())
			.isNotBlank();
	}

	@Test
	void alertRulesAndDashboardUseTheContractsMetrics() {
		Map<String, Set<String>> metrics = new LinkedHashMap<>();
		alertRules().forEach((rule) -> metrics.put("rule " + rule.path("alert").asString(),
				PromQl.metricNames(rule.path("expr").asString())));
		dashboardQueries().forEach((query) -> metrics.put("dashboard " + query, PromQl.metricNames(query)));
		assertThat(metrics).allSatisfy((query,
				names) -> assertThat(names).as(query).isNotEmpty().allMatch(DockerDeploymentTests::isContractMetric));

		Set<String> onDashboard = new TreeSet<>();
		dashboardQueries().forEach((query) -> onDashboard.addAll(PromQl.metricNames(query)));
		assertThat(CONTRACT_METRICS).as("contract metrics on the dashboard")
			.allSatisfy((metric) -> assertThat(onDashboard).anyMatch((name) -> name.startsWith(metric)));
	}

	@Test
	void metricsCheckRejectsNamesOutsideTheContract() {
		assertThat(PromQl.metricNames("sum by (pipeline) (increase(trainyard_runs_total{outcome=\"FAILED\"}[6h])) > 0"
				+ " unless on (pipeline) up{job=\"trainyard\"} offset 5m == bool 0"))
			.containsExactly("trainyard_runs_total", "up");
		assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le) "
				+ "(rate(trainyard_checkpoint_write_seconds_bucket[$__rate_interval])))"))
			.containsExactly("trainyard_checkpoint_write_seconds_bucket");
		assertThat(PromQl.metricNames("label_values(trainyard_runs_total, pipeline)"))
			.containsExactly("trainyard_runs_total");
		assertThat(PromQl.metricNames("time() - trainyard_last_sucessful_training_timestamp_seconds")).singleElement()
			.matches((name) -> !isContractMetric(name));
		assertThat(isContractMetric("trainyard_run_total")).isFalse();
		assertThat(HISTOGRAMS).allSatisfy((histogram) -> {
			assertThat(isContractMetric(histogram)).as("a histogram has no series of its own name").isFalse();
			assertThat(isContractMetric(histogram + "_count")).isTrue();
		});
	}

	@Test
	void grafanaProvisionsPrometheusAndTheTrainyardDashboard() {
		Map<String, Path> mounted = mountedFiles(ComposeService.of(yaml(COMPOSE), "grafana"));
		assertThat(mounted).containsKeys("/etc/grafana/provisioning/datasources",
				"/etc/grafana/provisioning/dashboards");
		JsonNode datasource = yaml(mounted.get("/etc/grafana/provisioning/datasources").resolve("prometheus.yaml"))
			.path("datasources")
			.get(0);
		assertThat(datasource.path("url").asString()).isEqualTo("http://prometheus:9090");
		JsonNode provider = yaml(mounted.get("/etc/grafana/provisioning/dashboards").resolve("trainyard.yaml"))
			.path("providers")
			.get(0);
		assertThat(mounted).as("the dashboard provider's folder is mounted")
			.containsEntry(provider.path("options").path("path").asString(), DOCKER.resolve("grafana/dashboards"));

		JsonNode dashboard = dashboard();
		assertThat(dashboard.path("uid").asString()).isEqualTo("trainyard");
		List<JsonNode> targets = new ArrayList<>();
		dashboard.path("panels").forEach((panel) -> panel.path("targets").forEach(targets::add));
		assertThat(targets).hasSizeGreaterThan(10)
			.allSatisfy((target) -> assertThat(target.path("datasource").path("uid").asString())
				.isEqualTo(datasource.path("uid").asString()));
	}

	private static List<String> unknownSettings(ComposeService service) {
		List<String> unknown = new ArrayList<>();
		service.environment()
			.keySet()
			.stream()
			.filter((variable) -> NOT_SPRING_SETTINGS.stream().noneMatch(variable::startsWith))
			.filter((variable) -> !SETTINGS.isEnvironmentVariable(variable))
			.forEach(unknown::add);
		service.command()
			.stream()
			.filter((argument) -> argument.startsWith("--"))
			.map((argument) -> argument.substring(2).split("=", 2)[0])
			.filter((option) -> !SETTINGS.isOption(option))
			.forEach((option) -> unknown.add("--" + option));
		return unknown;
	}

	private static boolean isContractMetric(String name) {
		return name.equals("up") || EXTENSION_METRICS.contains(name)
				|| (CONTRACT_METRICS.contains(name) && !HISTOGRAMS.contains(name))
				|| HISTOGRAMS.stream()
					.anyMatch((histogram) -> Stream.of("_bucket", "_count", "_sum")
						.anyMatch((suffix) -> name.equals(histogram + suffix)));
	}

	/**
	 * @return the bind mounts of a service: path in the container → path in the
	 * repository
	 */
	private static Map<String, Path> mountedFiles(ComposeService service) {
		Map<String, Path> mounted = new HashMap<>();
		service.mounts()
			.stream()
			.filter(Mount::isBind)
			.forEach((mount) -> mounted.put(mount.target(), DOCKER.resolve(mount.source()).normalize()));
		return mounted;
	}

	private static List<JsonNode> alertRules() {
		List<JsonNode> rules = new ArrayList<>();
		yaml(DOCKER.resolve("prometheus/alert-rules.yaml")).path("groups")
			.forEach((group) -> group.path("rules").forEach(rules::add));
		return rules;
	}

	private static List<String> dashboardQueries() {
		JsonNode dashboard = dashboard();
		List<String> queries = new ArrayList<>();
		dashboard.path("panels")
			.forEach((panel) -> panel.path("targets").forEach((target) -> queries.add(target.path("expr").asString())));
		dashboard.path("templating")
			.path("list")
			.forEach((variable) -> queries.add(variable.path("query").path("query").asString()));
		return queries;
	}

	private static JsonNode dashboard() {
		return JsonMapper.shared().readTree(DOCKER.resolve("grafana/dashboards/trainyard.json").toFile());
	}

	private static String finalName() throws Exception {
		return XPathFactory.newInstance()
			.newXPath()
			.evaluate("/project/build/finalName",
					DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile()));
	}

	private static JsonNode yaml(Path file) {
		return YAMLMapper.shared().readTree(file.toFile());
	}

	private static JsonNode yaml(String text) {
		return YAMLMapper.shared().readTree(text);
	}

}
