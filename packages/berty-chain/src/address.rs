//! Bech32 addresses as a Cosmos SDK chain handles them: the VM's address API, and contract
//! addresses as wasmd derives them.

use bech32::{Bech32, Hrp};
use cosmwasm_std::{instantiate2_address, Addr, CanonicalAddr};
use cosmwasm_vm::{BackendApi, BackendError, BackendResult, GasInfo};
use sha2::{Digest, Sha256};

use crate::gas::{CANONICALIZE_COST, GAS_MULTIPLIER, HUMANIZE_COST, VALIDATE_COST};

/// Bech32 prefix of the embedded chain: wasmd's default, the one of `deploy/config.json`.
pub const BECH32_PREFIX: &str = "wasm";

/// The VM's address API: bech32 under one prefix, canonical addresses of 1-255 bytes (the
/// SDK's `VerifyAddressFormat`), charged in VM gas as wasmd's `api.go` charges them.
#[derive(Clone, Debug)]
pub struct ChainApi {
    hrp: Hrp,
}

impl Default for ChainApi {
    fn default() -> Self {
        ChainApi::new(BECH32_PREFIX)
    }
}

impl ChainApi {
    pub fn new(prefix: &str) -> Self {
        ChainApi {
            hrp: Hrp::parse(prefix).expect("a valid bech32 prefix"),
        }
    }

    pub fn canonicalize(&self, human: &str) -> Result<Vec<u8>, String> {
        let (hrp, data) =
            bech32::decode(human).map_err(|e| format!("invalid address {human:?}: {e}"))?;
        if hrp != self.hrp {
            return Err(format!(
                "invalid address {human:?}: prefix {hrp}, expected {}",
                self.hrp
            ));
        }
        if data.is_empty() || data.len() > 255 {
            return Err(format!("invalid address {human:?}: {} bytes", data.len()));
        }
        Ok(data)
    }

    pub fn humanize(&self, canonical: &[u8]) -> Result<String, String> {
        if canonical.is_empty() || canonical.len() > 255 {
            return Err(format!(
                "invalid canonical address of {} bytes",
                canonical.len()
            ));
        }
        bech32::encode::<Bech32>(self.hrp, canonical).map_err(|e| e.to_string())
    }

    /// The address of these canonical bytes.
    pub fn addr(&self, canonical: &[u8]) -> Addr {
        Addr::unchecked(self.humanize(canonical).expect("1 to 255 bytes"))
    }

    /// A user address: the first 20 bytes of sha256(`name`), like a key's address.
    pub fn user(&self, name: &str) -> Addr {
        self.addr(&Sha256::digest(name.as_bytes())[..20])
    }
}

impl BackendApi for ChainApi {
    fn addr_validate(&self, input: &str) -> BackendResult<()> {
        let gas = GasInfo::with_cost(VALIDATE_COST * GAS_MULTIPLIER);
        // Valid means canonical: it round-trips to the same string (lowercase, our prefix).
        let result = self
            .canonicalize(input)
            .and_then(|c| self.humanize(&c))
            .and_then(|normal| {
                if normal == input {
                    Ok(())
                } else {
                    Err(format!("address {input:?} is not normalized"))
                }
            });
        (result.map_err(BackendError::user_err), gas)
    }

    fn addr_canonicalize(&self, human: &str) -> BackendResult<Vec<u8>> {
        let gas = GasInfo::with_cost(CANONICALIZE_COST * GAS_MULTIPLIER);
        (
            self.canonicalize(human).map_err(BackendError::user_err),
            gas,
        )
    }

    fn addr_humanize(&self, canonical: &[u8]) -> BackendResult<String> {
        let gas = GasInfo::with_cost(HUMANIZE_COST * GAS_MULTIPLIER);
        (
            self.humanize(canonical).map_err(BackendError::user_err),
            gas,
        )
    }
}

/// wasmd `BuildContractAddressClassic`: `address.Module("wasm", code_id ‖ instance_id)`, i.e.
/// sha256(sha256("module") ‖ "wasm" ‖ 0 ‖ code_id BE ‖ instance_id BE), 32 bytes.
pub fn classic_contract_address(code_id: u64, instance_id: u64) -> Vec<u8> {
    let mut key = b"wasm\0".to_vec();
    key.extend(code_id.to_be_bytes());
    key.extend(instance_id.to_be_bytes());
    let mut hasher = Sha256::new();
    hasher.update(Sha256::digest(b"module"));
    hasher.update(&key);
    hasher.finalize().to_vec()
}

/// wasmd `BuildContractAddressPredictable` (instantiate2, without `fix_msg`), as
/// `cosmwasm_std::instantiate2_address` computes it.
pub fn predictable_contract_address(
    checksum: &[u8],
    creator: &[u8],
    salt: &[u8],
) -> Result<Vec<u8>, String> {
    instantiate2_address(checksum, &CanonicalAddr::from(creator), salt)
        .map(|a| a.to_vec())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_foreign_prefixes() {
        let api = ChainApi::default();
        let alice = api.user("alice");
        assert!(alice.as_str().starts_with("wasm1"));
        assert_eq!(api.canonicalize(alice.as_str()).unwrap().len(), 20);
        assert!(api.addr_validate(alice.as_str()).0.is_ok());
        let upper = alice.as_str().to_uppercase();
        assert!(api.addr_validate(&upper).0.is_err(), "not normalized");
        let other = ChainApi::new("cosmwasm").user("alice");
        let err = api.canonicalize(other.as_str()).unwrap_err();
        assert!(err.contains("prefix cosmwasm"), "{err}");
        assert!(api.canonicalize("nonsense").is_err());
    }

    #[test]
    fn address_calls_charge_wasmd_costs() {
        let api = ChainApi::default();
        let alice = api.user("alice");
        assert_eq!(api.addr_validate(alice.as_str()).1.cost, 9 * 140_000);
        assert_eq!(api.addr_canonicalize(alice.as_str()).1.cost, 4 * 140_000);
        assert_eq!(api.addr_humanize(&[1; 20]).1.cost, 5 * 140_000);
    }

    #[test]
    fn contract_addresses_are_32_bytes_and_distinct() {
        let a = classic_contract_address(1, 1);
        let b = classic_contract_address(1, 2);
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        let p = predictable_contract_address(&[7; 32], &[1; 20], b"membership").unwrap();
        assert_eq!(p.len(), 32);
        assert_ne!(
            p,
            predictable_contract_address(&[7; 32], &[1; 20], b"release").unwrap()
        );
    }
}
