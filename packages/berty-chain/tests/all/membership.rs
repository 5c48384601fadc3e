//! The real membership artifact on the chain: deployed with instantiate2, driven by JSON as
//! SPEC writes it, with gas in the range its README measured.

use std::path::Path;

use berty_chain::Chain;
use serde_json::{json, Value};

fn membership_wasm() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts/berty_membership.wasm");
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run scripts/build.sh first", path.display()))
}

#[test]
fn membership_runs_from_its_artifact() {
    let mut chain = Chain::new("berty-test-1");
    let admin = chain.api().user("admin");
    let alice = chain.api().user("alice");
    let bob = chain.api().user("bob");
    let (code_id, _) = chain.store_code(&admin, &membership_wasm()).unwrap();
    let predicted = chain
        .predict_address(code_id, &admin, b"membership")
        .unwrap();
    let init = json!({
        "owner": admin,
        "members": [
            {"addr": alice, "role": {"council": {"college": "activists"}}},
            {"addr": chain.api().user("tess"), "role": {"council": {"college": "technologists"}}}
        ]
    });
    let (membership, _) = chain
        .instantiate2(
            &admin,
            code_id,
            &init,
            &[],
            "membership",
            Some(&admin),
            b"membership",
        )
        .unwrap();
    assert_eq!(membership, predicted);

    chain.next_block();
    let add =
        json!({"update_members": {"add": [{"addr": bob, "role": "core_team_rep"}], "remove": []}});
    let outcome = chain.execute(&admin, &membership, &add, &[]).unwrap();
    assert_eq!(outcome.attribute("wasm", "action"), Some("update_members"));
    assert_eq!(outcome.gas.instances, 1);
    assert_eq!(outcome.gas.setup, 60_000);
    // The README's storage figure for adding one member (~42,100) plus the 33-byte store
    // prefix on every key the runner charges; the whole message well under 200,000.
    assert!(
        (40_000..60_000).contains(&outcome.gas.storage),
        "{}",
        outcome.gas
    );
    assert!(outcome.gas.total() < 200_000, "{}", outcome.gas);

    let member: Value = chain
        .query(&membership, &json!({"member": {"addr": bob}}))
        .unwrap();
    assert_eq!(member["role"], json!("core_team_rep"));
    let counts: Value = chain.query(&membership, &json!({"counts": {}})).unwrap();
    assert_eq!(counts["activists"], json!(1));
    assert_eq!(counts["core_team_reps"], json!(1));

    // Not the owner: the contract's own error, and nothing changed.
    let err = chain.execute(&bob, &membership, &add, &[]).unwrap_err();
    assert!(err.to_string().contains("nauthorized"), "{err}");
}
