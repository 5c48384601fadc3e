//! The one migration guard every contract runs: refuse another contract's storage and a
//! downgrade, then record the new version with cw2.

use cosmwasm_std::{StdError, Storage};
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
    if version_numbers(&stored.version) > version_numbers(version) {
        return Err(MigrateError::Downgrade {
            from: stored.version,
            to: version.to_string(),
        });
    }
    cw2::set_contract_version(storage, name, version)?;
    Ok(stored.version)
}

/// `major.minor.patch` as numbers for ordering; parts that are not numbers count as 0.
fn version_numbers(version: &str) -> [u64; 3] {
    let mut numbers = [0; 3];
    for (slot, part) in numbers.iter_mut().zip(version.split(['.', '-', '+'])) {
        *slot = part.parse().unwrap_or(0);
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn versions_order_numerically() {
        assert!(version_numbers("0.10.0") > version_numbers("0.9.9"));
        assert_eq!(version_numbers("1.2.3-rc.1"), [1, 2, 3]);
        assert_eq!(version_numbers("junk"), [0, 0, 0]);
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
