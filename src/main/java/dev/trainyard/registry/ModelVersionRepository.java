package dev.trainyard.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.trainyard.validation.GateResult;
import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class ModelVersionRepository {

	private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
	};

	private static final TypeReference<List<GateResult>> GATES = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	ModelVersionRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	int nextVersion(String pipeline) {
		Integer max = this.jdbc.queryForObject("SELECT MAX(VERSION) FROM TY_MODEL_VERSION WHERE PIPELINE = ?",
				Integer.class, pipeline);
		return (max != null) ? max + 1 : 1;
	}

	void insert(NewModelVersion candidate, int version, String artifactKey, Instant now) {
		this.jdbc
			.update("INSERT INTO TY_MODEL_VERSION (PIPELINE, VERSION, STATE, RUN_ID, SHA256, SIZE_BYTES, ARTIFACT_KEY,"
					+ " METRICS, CHAMPION_VERSION, CHAMPION_METRICS, GATE_RESULTS, DATASET_FINGERPRINT, PARAMETERS, CREATED_AT,"
					+ " APPROVAL_REASON) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", candidate.pipeline(),
					version, candidate.state().name(), candidate.runId(), candidate.sha256(),
					(long) candidate.model().length, artifactKey, Json.write(candidate.metrics()),
					candidate.championVersion(), Json.write(candidate.championMetrics()),
					Json.write(candidate.gateResults()), candidate.datasetFingerprint(),
					Json.write(candidate.parameters()), Timestamp.from(now), candidate.approvalReason());
	}

	void updateState(String pipeline, int version, VersionState state) {
		this.jdbc.update("UPDATE TY_MODEL_VERSION SET STATE = ? WHERE PIPELINE = ? AND VERSION = ?", state.name(),
				pipeline, version);
	}

	/**
	 * Records a decision only while the version awaits approval; false when it did not.
	 */
	boolean decide(String pipeline, int version, VersionState decision, String actor, String comment, Instant now) {
		return this.jdbc.update(
				"UPDATE TY_MODEL_VERSION SET STATE = ?, DECIDED_BY = ?, DECIDED_AT = ?,"
						+ " DECISION_COMMENT = ? WHERE PIPELINE = ? AND VERSION = ? AND STATE = ?",
				decision.name(), actor, Timestamp.from(now), comment, pipeline, version,
				VersionState.AWAITING_APPROVAL.name()) == 1;
	}

	List<ModelVersion> findByState(VersionState state) {
		return this.jdbc.query("SELECT * FROM TY_MODEL_VERSION WHERE STATE = ? ORDER BY CREATED_AT, PIPELINE, VERSION",
				ModelVersionRepository::map, state.name());
	}

	Optional<ModelVersion> find(String pipeline, int version) {
		return this.jdbc
			.query("SELECT * FROM TY_MODEL_VERSION WHERE PIPELINE = ? AND VERSION = ?", ModelVersionRepository::map,
					pipeline, version)
			.stream()
			.findFirst();
	}

	Optional<ModelVersion> findByRun(String runId) {
		return this.jdbc.query("SELECT * FROM TY_MODEL_VERSION WHERE RUN_ID = ?", ModelVersionRepository::map, runId)
			.stream()
			.findFirst();
	}

	Optional<Instant> lastCreatedAt(String pipeline) {
		Timestamp last = this.jdbc.queryForObject("SELECT MAX(CREATED_AT) FROM TY_MODEL_VERSION WHERE PIPELINE = ?",
				Timestamp.class, pipeline);
		return Optional.ofNullable(last).map(Timestamp::toInstant);
	}

	List<ModelVersion> findByPipeline(String pipeline) {
		return this.jdbc.query("SELECT * FROM TY_MODEL_VERSION WHERE PIPELINE = ? ORDER BY VERSION DESC",
				ModelVersionRepository::map, pipeline);
	}

	private static ModelVersion map(ResultSet rs, int row) throws SQLException {
		Timestamp decidedAt = rs.getTimestamp("DECIDED_AT");
		int championVersion = rs.getInt("CHAMPION_VERSION");
		boolean noChampion = rs.wasNull();
		return new ModelVersion(rs.getString("PIPELINE"), rs.getInt("VERSION"),
				VersionState.valueOf(rs.getString("STATE")), rs.getString("RUN_ID"), rs.getString("SHA256").trim(),
				rs.getLong("SIZE_BYTES"), rs.getString("ARTIFACT_KEY"), Json.read(rs.getString("METRICS"), METRICS),
				noChampion ? null : championVersion, Json.read(rs.getString("CHAMPION_METRICS"), METRICS),
				Json.read(rs.getString("GATE_RESULTS"), GATES), rs.getString("DATASET_FINGERPRINT").trim(),
				Json.read(rs.getString("PARAMETERS"), PARAMS), rs.getTimestamp("CREATED_AT").toInstant(),
				rs.getString("DECIDED_BY"), (decidedAt != null) ? decidedAt.toInstant() : null,
				rs.getString("DECISION_COMMENT"), rs.getString("APPROVAL_REASON"));
	}

}
