//! Validation of the common shapes of SPEC section 4: digests, uris, labels, bounded text
//! and public keys. Each check names the field it rejects.

use cosmwasm_std::{Addr, Api};
use thiserror::Error;

pub const DIGEST_LEN: usize = 64;
pub const URI_MAX_BYTES: usize = 512;
pub const LABEL_MAX_BYTES: usize = 64;
pub const TITLE_MAX_BYTES: usize = 128;
pub const TEXT_MAX_BYTES: usize = 4096;
pub const PUBKEY_LEN: usize = 33;
pub const URI_SCHEMES: [&str; 3] = ["ipfs://", "ar://", "https://"];

#[derive(Error, Debug, PartialEq, Eq)]
pub enum ValidationError {
    #[error("invalid address {addr:?}: {reason}")]
    InvalidAddress { addr: String, reason: String },

    #[error("{field} must be a sha256 digest: 64 lowercase hex characters")]
    InvalidDigest { field: &'static str },

    #[error("{field} must be a uri of 1 to 512 bytes starting with ipfs://, ar:// or https://, without spaces or control characters")]
    InvalidUri { field: &'static str },

    #[error("{field} must be 1 to {max} bytes without control characters (got {len} bytes)")]
    InvalidLabel {
        field: &'static str,
        len: usize,
        max: usize,
    },

    #[error("{field} is {len} bytes, more than the {max} allowed")]
    TextTooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },

    #[error("{field} must not be empty")]
    EmptyText { field: &'static str },

    #[error("public key must be a 33-byte compressed secp256k1 key (got {len} bytes)")]
    InvalidPubkeyLength { len: usize },

    #[error("public key must start with 0x02 or 0x03 (compressed secp256k1)")]
    InvalidPubkeyPrefix,
}

/// A bech32 address of this chain, in its normal form; the error names the address.
pub fn validate_addr(api: &dyn Api, addr: &str) -> Result<Addr, ValidationError> {
    api.addr_validate(addr)
        .map_err(|err| ValidationError::InvalidAddress {
            addr: addr.to_string(),
            reason: err.to_string(),
        })
}

pub fn validate_digest(field: &'static str, value: &str) -> Result<(), ValidationError> {
    let ok = value.len() == DIGEST_LEN
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    ok.then_some(())
        .ok_or(ValidationError::InvalidDigest { field })
}

pub fn validate_uri(field: &'static str, value: &str) -> Result<(), ValidationError> {
    let has_body = URI_SCHEMES
        .iter()
        .any(|scheme| value.len() > scheme.len() && value.starts_with(scheme));
    let ok = value.len() <= URI_MAX_BYTES
        && has_body
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(())
        .ok_or(ValidationError::InvalidUri { field })
}

/// Free-text labels (`platform`, `channel`, `builder`, `app_name`): 1 to 64 bytes.
pub fn validate_label(field: &'static str, value: &str) -> Result<(), ValidationError> {
    let ok =
        !value.is_empty() && value.len() <= LABEL_MAX_BYTES && !value.chars().any(char::is_control);
    ok.then_some(()).ok_or(ValidationError::InvalidLabel {
        field,
        len: value.len(),
        max: LABEL_MAX_BYTES,
    })
}

/// A title: 1 to 128 bytes.
pub fn validate_title(field: &'static str, value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::EmptyText { field });
    }
    validate_text(field, value, TITLE_MAX_BYTES)
}

/// Bounded free text (description, rationale, reason): at most `max` bytes.
pub fn validate_text(field: &'static str, value: &str, max: usize) -> Result<(), ValidationError> {
    if value.len() > max {
        return Err(ValidationError::TextTooLong {
            field,
            len: value.len(),
            max,
        });
    }
    Ok(())
}

/// A 33-byte compressed secp256k1 public key. Whether it belongs to the sender is a
/// separate check (`ripemd160(sha256(key))` against the canonical address).
pub fn validate_pubkey(key: &[u8]) -> Result<(), ValidationError> {
    if key.len() != PUBKEY_LEN {
        return Err(ValidationError::InvalidPubkeyLength { len: key.len() });
    }
    if !matches!(key[0], 0x02 | 0x03) {
        return Err(ValidationError::InvalidPubkeyPrefix);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DIGEST: &str = "30f8c755c391534f8c4c9873610b0f333586be92ec1808a10b58fb1039fc9970";

    #[test]
    fn addresses() {
        let api = cosmwasm_std::testing::MockApi::default();
        let alice = api.addr_make("alice");
        assert_eq!(validate_addr(&api, alice.as_str()), Ok(alice.clone()));
        for bad in ["", "alice", "COSMWASM1XYZ", &alice.as_str().to_uppercase()] {
            let err = validate_addr(&api, bad).unwrap_err();
            assert!(
                matches!(&err, ValidationError::InvalidAddress { addr, .. } if addr == bad),
                "{bad:?}: {err}"
            );
            assert!(err
                .to_string()
                .starts_with(&format!("invalid address {bad:?}")));
        }
    }

    #[test]
    fn digests() {
        assert_eq!(validate_digest("release_id", DIGEST), Ok(()));
        let upper = DIGEST.to_uppercase();
        assert_eq!(
            validate_digest("release_id", &upper),
            Err(ValidationError::InvalidDigest {
                field: "release_id"
            })
        );
        assert!(validate_digest("d", &DIGEST[1..]).is_err());
        assert!(validate_digest("d", &format!("{DIGEST}0")).is_err());
        assert!(validate_digest("d", &DIGEST.replace('f', "g")).is_err());
        assert!(validate_digest("d", "").is_err());
    }

    #[test]
    fn uris() {
        for ok in ["ipfs://bafy", "ar://tx", "https://example.org/report.pdf"] {
            assert_eq!(validate_uri("report_uri", ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "ipfs://",
            "http://example.org",
            "ftp://x",
            "https://exa mple.org",
            "https://x\n",
            "IPFS://bafy",
        ] {
            assert_eq!(
                validate_uri("report_uri", bad),
                Err(ValidationError::InvalidUri {
                    field: "report_uri"
                }),
                "{bad:?}"
            );
        }
        let longest = format!("https://{}", "a".repeat(URI_MAX_BYTES - 8));
        assert_eq!(validate_uri("u", &longest), Ok(()));
        assert!(validate_uri("u", &format!("{longest}a")).is_err());
    }

    #[test]
    fn labels() {
        assert_eq!(validate_label("platform", "android"), Ok(()));
        assert_eq!(validate_label("platform", &"x".repeat(64)), Ok(()));
        assert_eq!(
            validate_label("platform", &"x".repeat(65)),
            Err(ValidationError::InvalidLabel {
                field: "platform",
                len: 65,
                max: 64
            })
        );
        assert!(validate_label("platform", "").is_err());
        assert!(validate_label("platform", "a\tb").is_err());
    }

    #[test]
    fn text_and_titles() {
        assert_eq!(validate_title("title", "Add Bob"), Ok(()));
        assert_eq!(
            validate_title("title", "  "),
            Err(ValidationError::EmptyText { field: "title" })
        );
        assert_eq!(
            validate_title("title", &"t".repeat(129)),
            Err(ValidationError::TextTooLong {
                field: "title",
                len: 129,
                max: 128
            })
        );
        assert_eq!(validate_text("rationale", "", TEXT_MAX_BYTES), Ok(()));
        assert!(validate_text("rationale", &"r".repeat(4097), TEXT_MAX_BYTES).is_err());
    }

    #[test]
    fn pubkeys() {
        let mut key = [2u8; 33];
        assert_eq!(validate_pubkey(&key), Ok(()));
        key[0] = 3;
        assert_eq!(validate_pubkey(&key), Ok(()));
        key[0] = 4;
        assert_eq!(
            validate_pubkey(&key),
            Err(ValidationError::InvalidPubkeyPrefix)
        );
        assert_eq!(
            validate_pubkey(&[2u8; 65]),
            Err(ValidationError::InvalidPubkeyLength { len: 65 })
        );
        assert_eq!(
            validate_pubkey(&[]),
            Err(ValidationError::InvalidPubkeyLength { len: 0 })
        );
    }

    proptest! {
        #[test]
        fn validators_never_panic(s in ".*", bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            let _ = validate_digest("f", &s);
            let _ = validate_uri("f", &s);
            let _ = validate_label("f", &s);
            let _ = validate_title("f", &s);
            let _ = validate_pubkey(&bytes);
        }

        #[test]
        fn any_lowercase_hex_of_64_is_a_digest(s in "[0-9a-f]{64}") {
            prop_assert_eq!(validate_digest("f", &s), Ok(()));
        }
    }
}
