package dev.trainyard.promotion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * In the server, expires overdue approval requests every
 * {@code trainyard.promotion.expiry-check-interval} (default one minute).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableScheduling
class ApprovalExpiry {

	private static final Logger log = LoggerFactory.getLogger(ApprovalExpiry.class);

	private final Approvals approvals;

	ApprovalExpiry(Approvals approvals) {
		this.approvals = approvals;
	}

	@Scheduled(fixedDelayString = "${trainyard.promotion.expiry-check-interval:PT1M}", initialDelay = 10_000)
	void expire() {
		try {
			this.approvals.expireOverdue();
		}
		catch (RuntimeException ex) {
			log.warn("Could not expire overdue approval requests: {}", ex.getMessage());
		}
	}

}
