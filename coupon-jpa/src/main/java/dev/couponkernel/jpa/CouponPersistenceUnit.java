package dev.couponkernel.jpa;

import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.internal.Checks;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A persistence unit of the library's entities only, on a data source, for hosts that do not keep
 * their data in JPA but want the JPA storage, and for the storage's own transactions when the host's
 * unit is JTA. Bootstraps through the Jakarta Persistence SPI ({@code
 * PersistenceProvider#createContainerEntityManagerFactory}), so any provider on the class path
 * works; no {@code persistence.xml} is needed. The unit is RESOURCE_LOCAL and never creates or
 * changes tables: install them with coupon-jdbc's {@code SchemaInstaller} or Flyway. Stateless.
 */
public final class CouponPersistenceUnit {

    /** The unit's name. */
    public static final String NAME = "couponkernel";

    private CouponPersistenceUnit() {}

    /**
     * Builds an entity manager factory of the library's entities on a data source whose schema is
     * installed, with the first persistence provider found.
     *
     * @param dataSource an H2 or PostgreSQL data source
     * @param properties provider properties to add (for example {@code hibernate.show_sql}); may be empty
     * @return the factory; close it when the application stops
     * @throws StorageException if no persistence provider is on the class path
     */
    public static EntityManagerFactory create(DataSource dataSource, Map<String, ?> properties) {
        Checks.notNull(dataSource, "dataSource");
        Checks.notNull(properties, "properties");
        List<PersistenceProvider> providers = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                .getPersistenceProviders();
        if (providers.isEmpty()) {
            throw new StorageException("no Jakarta Persistence provider on the class path: add one (Hibernate ORM 6.6 or 7, EclipseLink 4 or 5)");
        }
        return providers.get(0).createContainerEntityManagerFactory(new Info(dataSource, providers.get(0)), properties);
    }

    /** The unit as the provider sees it. */
    private record Info(DataSource dataSource, PersistenceProvider provider) implements PersistenceUnitInfo {

        @Override
        public String getPersistenceUnitName() {
            return NAME;
        }

        @Override
        public String getPersistenceProviderClassName() {
            return provider.getClass().getName();
        }

        @Override
        public PersistenceUnitTransactionType getTransactionType() {
            return PersistenceUnitTransactionType.RESOURCE_LOCAL;
        }

        @Override
        public DataSource getJtaDataSource() {
            return null;
        }

        @Override
        public DataSource getNonJtaDataSource() {
            return dataSource;
        }

        @Override
        public List<String> getMappingFileNames() {
            return List.of();
        }

        @Override
        public List<URL> getJarFileUrls() {
            return List.of();
        }

        @Override
        public URL getPersistenceUnitRootUrl() {
            return null;
        }

        @Override
        public List<String> getManagedClassNames() {
            return CouponEntities.classNames();
        }

        @Override
        public boolean excludeUnlistedClasses() {
            return true;
        }

        @Override
        public SharedCacheMode getSharedCacheMode() {
            return SharedCacheMode.NONE;
        }

        @Override
        public ValidationMode getValidationMode() {
            return ValidationMode.NONE;
        }

        @Override
        public Properties getProperties() {
            return new Properties();
        }

        @Override
        public String getPersistenceXMLSchemaVersion() {
            return "3.0";
        }

        @Override
        public ClassLoader getClassLoader() {
            return CouponPersistenceUnit.class.getClassLoader();
        }

        @Override
        public void addTransformer(ClassTransformer transformer) {
            // the entities need no byte-code enhancement
        }

        /**
         * Jakarta Persistence 3.2: the unit's scope annotation; none (no CDI scope). Not an
         * override on 3.1, which the module builds against, so it compiles and runs on both.
         *
         * @return null
         */
        public String getScopeAnnotationName() {
            return null;
        }

        /**
         * Jakarta Persistence 3.2: the unit's qualifier annotations; none.
         *
         * @return an empty list
         */
        public List<String> getQualifierAnnotationNames() {
            return List.of();
        }

        @Override
        public ClassLoader getNewTempClassLoader() {
            return CouponPersistenceUnit.class.getClassLoader();
        }
    }
}
