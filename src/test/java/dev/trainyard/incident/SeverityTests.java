package dev.trainyard.incident;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityTests {

	@Test
	void theWorseSeverityWins() {
		assertThat(Severity.SEV3.worst(Severity.SEV2)).isEqualTo(Severity.SEV2);
		assertThat(Severity.SEV1.worst(Severity.SEV4)).isEqualTo(Severity.SEV1);
	}

	@Test
	void aMinorIncidentIsRaisedFromItsThirdOccurrenceButNeverToSev1ByRepeats() {
		assertThat(Severity.SEV3.escalatedFor(2)).isEqualTo(Severity.SEV3);
		assertThat(Severity.SEV3.escalatedFor(3)).isEqualTo(Severity.SEV2);
		assertThat(Severity.SEV4.escalatedFor(3)).isEqualTo(Severity.SEV3);
		assertThat(Severity.SEV2.escalatedFor(10)).isEqualTo(Severity.SEV2);
	}

	@Test
	void levelsAreThoseOfPagerDutyAndAlertmanagerReceivers() {
		assertThat(Severity.SEV1.level()).isEqualTo("critical");
		assertThat(Severity.SEV4.level()).isEqualTo("info");
	}

}
