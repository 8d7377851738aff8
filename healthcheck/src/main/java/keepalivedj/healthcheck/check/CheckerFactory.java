package keepalivedj.healthcheck.check;

import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.RealServer;

/** Makes the {@link Checker} for one checker block of one real server; null when the type is not run here. */
public interface CheckerFactory {
    Checker create(RealServer rs, CheckerSpec spec);
}
