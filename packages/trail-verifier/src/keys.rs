//! Keys and signatures offline: a key belongs to the address `ripemd160(sha256(key))`
//! (compared with the bech32 address's bytes), and signatures are checked by
//! `cosmwasm-crypto`, the code behind the chain's `secp256k1_verify`.

use berty_interface::signing::signing_digest;
use berty_trail::pubkey_address_bytes;
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
    let digest = signing_digest(payload).map_err(|e| Problem::Unserializable {
        reason: e.to_string(),
    })?;
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
    if berty_trail::hash::from_hex(value).is_some() {
        Ok(())
    } else {
        Err(Problem::InvalidDigest {
            what,
            value: value.to_string(),
        })
    }
}
