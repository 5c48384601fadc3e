//! The worked examples of SPEC section 6 (`packages/berty-hashlog/vectors/trail-v1.json`, a
//! copy of `shared/vectors/trail-v1.json`) reproduced with the code the contracts run.

use berty_hashlog::hash::to_hex;
use berty_hashlog::{chain_hash, genesis_hash, pubkey_address_bytes, sha256, Event};
use berty_interface::audit_registry::ReportStatus;
use berty_interface::council_vote::Vote;
use berty_interface::signing::{signing_digest, BallotSigningPayload, ReportSigningPayload};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{to_json_string, Addr, Api, Binary, CanonicalAddr, Timestamp};
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../berty-hashlog/vectors/trail-v1.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn text<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .fold(v, |v, k| &v[*k])
        .as_str()
        .unwrap_or_else(|| panic!("no string at {path:?}"))
}

#[cw_serde]
enum ReleaseKind {
    Proposed,
}

#[cw_serde]
struct VersionData {
    version: String,
}

#[test]
fn release_log_genesis_and_first_event() {
    let v = vectors();
    let chain_id = text(&v, &["chain_id"]);
    let release = text(&v, &["contracts", "release"]);
    let key = text(&v, &["release_log", "key"]);
    assert_eq!(
        format!("berty-dao/release/v1\n{chain_id}\n{release}\n{key}"),
        text(&v, &["release_log", "hash_0_text"])
    );
    let hash_0 = genesis_hash("release", chain_id, release, key);
    assert_eq!(to_hex(&hash_0), text(&v, &["release_log", "hash_0"]));

    let event = Event {
        seq: 0,
        height: 12346,
        time: Timestamp::from_nanos(1571797424879305533),
        contract: Addr::unchecked(release),
        actor: Addr::unchecked(
            "cosmwasm1xmp53m90n43az4e38avnh6ryeu48n56dpa7rq44agyx2n0ljqa4saq27ed",
        ),
        pubkey: None::<Binary>,
        kind: ReleaseKind::Proposed,
        data: VersionData {
            version: "2.0.0".into(),
        },
    };
    let json = to_json_string(&event).unwrap();
    assert_eq!(json, text(&v, &["release_log", "event_json"]));
    assert_eq!(
        to_hex(&chain_hash(&hash_0, json.as_bytes())),
        text(&v, &["release_log", "hash_1"])
    );
}

#[test]
fn empty_ballots_log_genesis() {
    let v = vectors();
    let council = text(&v, &["contracts", "council_vote"]);
    let hash_0_text = text(&v, &["ballots_log_empty", "hash_0_text"]);
    let hash_0 = genesis_hash("ballots", text(&v, &["chain_id"]), council, "7");
    assert_eq!(to_hex(&hash_0), to_hex(&sha256(hash_0_text.as_bytes())));
    assert_eq!(to_hex(&hash_0), text(&v, &["ballots_log_empty", "hash_0"]));
}

/// The key's address, its payload's digest and the signature, as the chain checks them.
fn check_signature(v: &Value, section: &str, payload_json: String, digest: [u8; 32]) {
    let api = MockApi::default().with_prefix("cosmwasm");
    assert_eq!(payload_json, text(v, &[section, "payload"]));
    assert_eq!(to_hex(&digest), text(v, &[section, "digest"]));
    let pubkey = Binary::from_base64(text(v, &[section, "pubkey"])).unwrap();
    let signature = Binary::from_base64(text(v, &[section, "signature"])).unwrap();
    let address = api
        .addr_humanize(&CanonicalAddr::from(
            pubkey_address_bytes(&pubkey).as_slice(),
        ))
        .unwrap();
    assert_eq!(address.as_str(), text(v, &[section, "address"]));
    assert!(api.secp256k1_verify(&digest, &signature, &pubkey).unwrap());
    let mut tampered = digest;
    tampered[0] ^= 1;
    assert!(!api
        .secp256k1_verify(&tampered, &signature, &pubkey)
        .unwrap());
}

#[test]
fn report_signing_payload() {
    let v = vectors();
    let payload = ReportSigningPayload {
        chain_id: text(&v, &["chain_id"]).into(),
        contract: text(&v, &["contracts", "audit_registry"]).into(),
        release_id: text(&v, &["release_log", "key"]).into(),
        status: ReportStatus::GoWithWarnings,
        report_uri: "ipfs://bafyexamplereport".into(),
        report_digest: "845e91831319e89c4d656bdb80c278ac09a7230d61e5dfd2e1b1fbb436ac8917".into(),
    };
    let json = to_json_string(&payload).unwrap();
    check_signature(
        &v,
        "report_signature",
        json,
        signing_digest(&payload).unwrap(),
    );
}

#[test]
fn ballot_signing_payload() {
    let v = vectors();
    let payload = BallotSigningPayload {
        chain_id: text(&v, &["chain_id"]).into(),
        contract: text(&v, &["contracts", "council_vote"]).into(),
        proposal_id: 7,
        vote: Vote::No,
        rationale: Some("Needs one more audit round.".into()),
    };
    let json = to_json_string(&payload).unwrap();
    check_signature(
        &v,
        "ballot_signature",
        json,
        signing_digest(&payload).unwrap(),
    );
}

#[test]
fn ballot_without_rationale_signs_null() {
    let payload = BallotSigningPayload {
        chain_id: "c".into(),
        contract: "k".into(),
        proposal_id: 1,
        vote: Vote::Abstain,
        rationale: None,
    };
    assert_eq!(
        to_json_string(&payload).unwrap(),
        r#"{"chain_id":"c","contract":"k","proposal_id":1,"vote":"abstain","rationale":null}"#
    );
}

#[test]
fn committed_vectors_match_shared_copy_when_present() {
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/vectors/trail-v1.json"
    );
    if let Ok(text) = std::fs::read_to_string(shared) {
        let shared: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            shared,
            vectors(),
            "vectors drifted from shared/vectors/trail-v1.json"
        );
    }
}
