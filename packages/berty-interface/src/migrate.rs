//! The one migration guard every contract runs: refuse another contract's storage and a
//! downgrade, then record the new version with cw2.

use cosmwasm_std::{Response, StdError, Storage};
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum MigrateError {
    #[error("cannot migrate from contract {contract}")]
    WrongContract { contract: String },

    #[error("cannot migrate from version {from} down to {to}")]
    Downgrade { from: String, to: String },

    #[error("{0}")]
    Std(String),
}

impl From<StdError> for MigrateError {
    fn from(err: StdError) -> Self {
        MigrateError::Std(err.to_string())
    }
}

/// The whole `migrate` of a contract with nothing else to move: the guard, and the answer
/// naming both versions.
pub fn migrate(
    storage: &mut dyn Storage,
    name: &str,
    version: &str,
) -> Result<Response, MigrateError> {
    let from = ensure_upgrade(storage, name, version)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from)
        .add_attribute("to_version", version))
}

/// Checks the stored cw2 version against `(name, version)` and saves the new one.
/// Returns the version migrated from.
pub fn ensure_upgrade(
    storage: &mut dyn Storage,
    name: &str,
    version: &str,
) -> Result<String, MigrateError> {
    let stored = cw2::get_contract_version(storage)?;
    if stored.contract != name {
        return Err(MigrateError::WrongContract {
            contract: stored.contract,
        });
    }
    // semver precedence: 0.2.0-rc.1 comes before 0.2.0, build metadata orders nothing
    let parse = |v: &str| {
        semver::Version::parse(v).map_err(|e| MigrateError::Std(format!("version {v}: {e}")))
    };
    let (from, to) = (parse(&stored.version)?, parse(version)?);
    if to.cmp_precedence(&from) == std::cmp::Ordering::Less {
        return Err(MigrateError::Downgrade {
            from: stored.version,
            to: version.to_string(),
        });
    }
    cw2::set_contract_version(storage, name, version)?;
    Ok(stored.version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn a_release_candidate_of_the_stored_version_is_a_downgrade() {
        let mut store = MockStorage::new();
        cw2::set_contract_version(&mut store, "berty-x", "0.2.0").unwrap();
        // before, versions compared as three numbers, so this passed as an upgrade
        assert_eq!(
            ensure_upgrade(&mut store, "berty-x", "0.2.0-rc.1"),
            Err(MigrateError::Downgrade {
                from: "0.2.0".into(),
                to: "0.2.0-rc.1".into()
            })
        );
        assert_eq!(
            ensure_upgrade(&mut store, "berty-x", "0.10.0"),
            Ok("0.2.0".into())
        );
        assert_eq!(
            ensure_upgrade(&mut store, "berty-x", "0.10.0+build.2"),
            Ok("0.10.0".into()),
            "the same version again (a rebuild) is no downgrade"
        );
        assert!(matches!(
            ensure_upgrade(&mut store, "berty-x", "junk"),
            Err(MigrateError::Std(_))
        ));
    }

    #[test]
    fn refuses_other_contracts_and_downgrades() {
        let mut store = MockStorage::new();
        cw2::set_contract_version(&mut store, "berty-x", "0.2.0").unwrap();
        assert_eq!(
            ensure_upgrade(&mut store, "berty-y", "0.2.0"),
            Err(MigrateError::WrongContract {
                contract: "berty-x".into()
            })
        );
        assert_eq!(
            ensure_upgrade(&mut store, "berty-x", "0.1.9"),
            Err(MigrateError::Downgrade {
                from: "0.2.0".into(),
                to: "0.1.9".into()
            })
        );
        assert_eq!(
            ensure_upgrade(&mut store, "berty-x", "0.3.0"),
            Ok("0.2.0".into())
        );
        assert_eq!(cw2::get_contract_version(&store).unwrap().version, "0.3.0");
    }
}
