//! Keys and signatures offline: a key belongs to the address `ripemd160(sha256(key))`
//! (compared with the bech32 address's bytes), and signatures are checked by
//! `cosmwasm-crypto`, the code behind the chain's `secp256k1_verify`.

use berty_hashlog::pubkey_address_bytes;
use berty_interface::signing::signing_digest;
use cosmwasm_std::{Addr, Binary};

use crate::error::Problem;

/// The bytes behind a bech32 address (what `addr_canonicalize` gives on chain).
pub fn address_bytes(addr: &Addr) -> Result<Vec<u8>, Problem> {
    bech32::decode(addr.as_str())
        .map(|(_, bytes)| bytes)
        .map_err(|_| Problem::InvalidAddress {
            addr: addr.to_string(),
        })
}

/// Fails unless `key` is the key of `addr`.
pub fn check_key_of(addr: &Addr, key: &Binary) -> Result<(), Problem> {
    if address_bytes(addr)? == pubkey_address_bytes(key.as_slice()) {
        Ok(())
    } else {
        Err(Problem::KeyNotOfAddress {
            addr: addr.clone(),
            key: key.to_base64(),
        })
    }
}

/// Fails unless `signature` (64 bytes `r ‖ s`) signs the canonical digest of `payload`
/// (`berty_interface::signing`) with `key`.
pub fn check_signed<T: serde::Serialize>(
    what: &'static str,
    payload: &T,
    signature: &Binary,
    key: &Binary,
) -> Result<(), Problem> {
    // Payloads always serialize; were one not to, nothing it signs could verify.
    let digest = signing_digest(payload).unwrap_or_default();
    match cosmwasm_crypto::secp256k1_verify(&digest, signature.as_slice(), key.as_slice()) {
        Ok(true) => Ok(()),
        _ => Err(Problem::BadSignature {
            what,
            key: key.to_base64(),
        }),
    }
}

/// Fails unless `value` is 64 lowercase hex characters.
pub fn check_digest(what: &'static str, value: &str) -> Result<(), Problem> {
    if berty_hashlog::hash::from_hex(value).is_some() {
        Ok(())
    } else {
        Err(Problem::InvalidDigest {
            what,
            value: value.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "A7HvflnPWAmC26ZHgLlELTLSNeXSqF4dbblUayAyLRVf";

    #[test]
    fn a_key_belongs_to_the_address_it_hashes_to() {
        // trail-v1.json: report_signature
        let key = Binary::from_base64(KEY).unwrap();
        let addr = Addr::unchecked("cosmwasm1y2htf387ymz4pggx67y67p49kgahmtj9p5sk05");
        check_key_of(&addr, &key).unwrap();
        let other = Addr::unchecked("cosmwasm19e05nm4ekp4747ws0zvamr6u3p6aahxqx9nuvx");
        assert_eq!(
            check_key_of(&other, &key),
            Err(Problem::KeyNotOfAddress {
                addr: other.clone(),
                key: KEY.into()
            })
        );
        assert_eq!(
            check_key_of(&Addr::unchecked("not-bech32"), &key),
            Err(Problem::InvalidAddress {
                addr: "not-bech32".into()
            })
        );
    }

    #[test]
    fn digests_are_64_lowercase_hex() {
        check_digest("d", &"a".repeat(64)).unwrap();
        for bad in [
            "A".repeat(64),
            "a".repeat(63),
            "g".repeat(64),
            String::new(),
        ] {
            assert_eq!(
                check_digest("d", &bad),
                Err(Problem::InvalidDigest {
                    what: "d",
                    value: bad.clone()
                })
            );
        }
    }
}
