//! Deterministic secp256k1 keys for tests: the compressed public key, the address the
//! chain derives from it, and signatures as `secp256k1_verify` checks them.

use berty_hashlog::pubkey_address_bytes;
use cosmwasm_std::{Addr, Api, Binary, CanonicalAddr};
use k256::ecdsa::{signature::hazmat::PrehashSigner, Signature, SigningKey};

pub struct TestKey {
    signing: SigningKey,
}

impl TestKey {
    /// A key derived from `seed` (any text): the same seed gives the same key.
    pub fn from_seed(seed: &str) -> Self {
        let secret = berty_hashlog::sha256(seed.as_bytes());
        TestKey {
            signing: SigningKey::from_slice(&secret).expect("sha256 of a seed is a valid scalar"),
        }
    }

    /// 33-byte compressed public key.
    pub fn pubkey(&self) -> Binary {
        Binary::from(
            self.signing
                .verifying_key()
                .to_encoded_point(true)
                .as_bytes()
                .to_vec(),
        )
    }

    /// The bech32 address of the key under `api`'s prefix.
    pub fn addr(&self, api: &dyn Api) -> Addr {
        let canonical = CanonicalAddr::from(pubkey_address_bytes(&self.pubkey()).as_slice());
        api.addr_humanize(&canonical).expect("20-byte address")
    }

    /// The 64-byte `r ‖ s` signature of a 32-byte digest.
    pub fn sign(&self, digest: &[u8; 32]) -> Binary {
        let signature: Signature = self.signing.sign_prehash(digest).expect("signs a digest");
        Binary::from(signature.to_bytes().to_vec())
    }
}
