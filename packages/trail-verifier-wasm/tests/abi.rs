//! The page's calls on the host: the same answers `berty-trail verify` gives.

use berty_trail_verifier_wasm::{
    decode_files, render_bundle, trail_alloc, trail_free, verify_bundle, verify_trail, Answer,
};

const BUNDLE: &[u8] = include_bytes!("../../trail-verifier/tests/vectors/complete-run.json");

fn files(list: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, bytes) in list {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

#[test]
fn the_complete_run_verifies_with_its_summary_and_account() {
    match verify_bundle(BUNDLE, &[], "") {
        Answer::Verified {
            status,
            summary,
            account,
            release_log_head,
            ..
        } => {
            assert_eq!(status, "released");
            assert!(summary.starts_with("OK: release 2.1.0"), "{summary}");
            assert!(account.contains("VERIFIED"), "{account}");
            assert_eq!(release_log_head.len(), 64);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_changed_event_fails_naming_its_log_and_seq() {
    let mut bundle: serde_json::Value = serde_json::from_slice(BUNDLE).unwrap();
    // the first logged ballot, yes -> no: its hash no longer matches
    bundle["votes"][0]["ballots_log"][0]["event"]["data"]["vote"] = "no".into();
    match verify_bundle(&serde_json::to_vec(&bundle).unwrap(), &[], "") {
        Answer::Failed { failure } => {
            assert!(
                failure.starts_with("ballots log of proposal 1, seq 0: hash "),
                "{failure}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_wrong_head_an_unknown_file_and_a_non_bundle_are_refused() {
    match verify_bundle(BUNDLE, &[], &"ab".repeat(32)) {
        Answer::Failed { failure } => {
            assert!(failure.starts_with("the release log head is"), "{failure}")
        }
        other => panic!("{other:?}"),
    }
    match verify_bundle(BUNDLE, &files(&[("app.apk", b"not the app")]), "") {
        Answer::Failed { failure } => assert!(
            failure.starts_with("artifact file app.apk: sha256"),
            "{failure}"
        ),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        verify_bundle(b"{}", &[], ""),
        Answer::Unreadable { .. }
    ));
    assert!(matches!(render_bundle(b"[",), Answer::Unreadable { .. }));
    assert!(decode_files(&[1, 0, 0]).is_err());
    assert!(decode_files(&[9, 0, 0, 0, b'a']).is_err());
}

#[test]
fn the_c_abi_answers_length_prefixed_json() {
    let input = trail_alloc(BUNDLE.len());
    unsafe {
        std::ptr::copy_nonoverlapping(BUNDLE.as_ptr(), input, BUNDLE.len());
        let answer = verify_trail(
            input,
            BUNDLE.len(),
            std::ptr::null(),
            0,
            std::ptr::null(),
            0,
        );
        let len = u32::from_le_bytes(*(answer as *const [u8; 4])) as usize;
        let json: serde_json::Value =
            serde_json::from_slice(std::slice::from_raw_parts(answer.add(4), len)).unwrap();
        assert_eq!(json["outcome"], "verified");
        trail_free(answer, 4 + len);
        trail_free(input, BUNDLE.len());
    }
}
