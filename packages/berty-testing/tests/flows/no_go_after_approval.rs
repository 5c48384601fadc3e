//! A `no_go` posted after the council approved blocks finalize until it no longer holds.

use berty_interface::audit_registry::ReportStatus;
use berty_interface::release::ReleaseStatus;
use berty_testing::dao::{artifact, Dao};

use crate::bundle::{check, export};

#[test]
fn a_no_go_after_approval_blocks_finalize() {
    let mut dao = Dao::new();
    let (id, _) = dao.approved_release("3.1.0");
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Approved);

    dao.next_block();
    dao.report("auditor1", &id, ReportStatus::NoGo).unwrap();
    let auditor1 = dao.addr("auditor1");
    let files = vec![artifact("berty-3.1.0.apk", "android")];
    let err = dao.finalize("ctr0", &id, files.clone()).unwrap_err();
    assert!(
        err.to_string().contains(&format!(
            "failing gates audit: a counted no_go report by {auditor1}"
        )),
        "{err}"
    );
    let gates = dao.gates(&id);
    assert!(!gates.finalizable && gates.council.passed && !gates.audit.passed);
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Approved);

    // the auditor revises its report: finalize goes through
    dao.next_block();
    dao.report("auditor1", &id, ReportStatus::GoWithWarnings)
        .unwrap();
    dao.finalize("ctr0", &id, files).unwrap();
    let verified = check(&export(&dao, &id), &["berty-3.1.0.apk"]).expect("the bundle verifies");
    assert_eq!(verified.status, ReleaseStatus::Released);
}
