//! The hash formulas of the trail, and the address of a public key.

use ripemd::Ripemd160;
use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

pub fn sha256(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

/// `hash_0` of the log `log` ("release", "reports", "ballots", "members") kept by
/// `contract` for `key` (a release id, a proposal id in decimal, or `dao`).
pub fn genesis_hash(log: &str, chain_id: &str, contract: &str, key: &str) -> Hash {
    let mut hasher = Sha256::new();
    for part in [
        "berty-dao/",
        log,
        "/v1\n",
        chain_id,
        "\n",
        contract,
        "\n",
        key,
    ] {
        hasher.update(part.as_bytes());
    }
    hasher.finalize().into()
}

/// `hash_n = sha256(hash_{n-1} as 32 raw bytes ++ canonical_json(event_n))`.
pub fn chain_hash(previous: &Hash, event_json: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(event_json);
    hasher.finalize().into()
}

/// The 20 bytes of a Cosmos address of a secp256k1 public key: `ripemd160(sha256(pubkey))`.
pub fn pubkey_address_bytes(pubkey: &[u8]) -> [u8; 20] {
    Ripemd160::digest(Sha256::digest(pubkey)).into()
}

/// Lowercase hex, as hashes appear in JSON.
pub fn to_hex(hash: &Hash) -> String {
    hex::encode(hash)
}

/// Parses a lowercase-hex hash, `None` for anything else.
pub fn from_hex(text: &str) -> Option<Hash> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sha256_of_empty_input() {
        assert_eq!(
            to_hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn genesis_hash_is_sha256_of_the_joined_text() {
        let text = "berty-dao/members/v1\nchain\ncontract\ndao";
        assert_eq!(
            genesis_hash("members", "chain", "contract", "dao"),
            sha256(text.as_bytes())
        );
    }

    proptest! {
        #[test]
        fn hex_round_trips(bytes in any::<[u8; 32]>()) {
            prop_assert_eq!(from_hex(&to_hex(&bytes)), Some(bytes));
        }

        #[test]
        fn chain_hash_depends_on_both_inputs(a in any::<[u8; 32]>(), b in any::<[u8; 32]>(), json in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assume!(a != b);
            prop_assert_ne!(chain_hash(&a, &json), chain_hash(&b, &json));
            let mut longer = json.clone();
            longer.push(b'x');
            prop_assert_ne!(chain_hash(&a, &json), chain_hash(&a, &longer));
        }
    }
}
