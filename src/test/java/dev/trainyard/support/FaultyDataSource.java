package dev.trainyard.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's real data source, which a test can make fail as a database that went
 * away does (H2's "Database is already closed" when the process that served it exited):
 * while failing, every connection refuses every statement, commit and rollback. Import
 * {@link Config} to put it in place.
 */
public class FaultyDataSource extends DelegatingDataSource {

	private static final Set<String> STILL_ALLOWED = Set.of("close", "isClosed", "unwrap", "isWrapperFor", "toString",
			"hashCode", "equals");

	private volatile boolean failing;

	FaultyDataSource(DataSource delegate) {
		super(delegate);
	}

	public void fail() {
		this.failing = true;
	}

	public void heal() {
		this.failing = false;
	}

	@Override
	public Connection getConnection() throws SQLException {
		refuseWhileFailing();
		return wrap(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		refuseWhileFailing();
		return wrap(super.getConnection(username, password));
	}

	private void refuseWhileFailing() throws SQLException {
		if (this.failing) {
			throw new SQLException("Database is already closed", "90121");
		}
	}

	private Connection wrap(Connection connection) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					if (!STILL_ALLOWED.contains(method.getName())) {
						refuseWhileFailing();
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		static BeanPostProcessor faultyDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource && !(bean instanceof FaultyDataSource))
							? new FaultyDataSource(dataSource) : bean;
				}
			};
		}

	}

}
