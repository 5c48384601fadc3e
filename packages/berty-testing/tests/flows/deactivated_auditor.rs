//! Governance deactivates the auditor that said `no_go`: its report no longer counts and
//! the candidate moves on.

use berty_interface::audit_registry::ReportStatus;
use berty_interface::release::ReleaseStatus;
use berty_testing::dao::{artifact, Dao};

use crate::bundle::{check, export};

#[test]
fn a_deactivated_no_go_auditor_unblocks_the_candidate() {
    let mut dao = Dao::new();
    let id = dao.audited_release("3.0.0");
    dao.report("auditor1", &id, ReportStatus::NoGo).unwrap();
    let auditor1 = dao.addr("auditor1");
    assert_eq!(dao.audit_gate(&id).blocking, vec![auditor1.clone()]);
    assert!(dao.submit_for_vote("ctr0", &id).is_err());

    dao.next_block();
    dao.govern_members(&[], &["auditor1"]).unwrap();
    assert_eq!(dao.role("auditor1"), None);
    let gate = dao.audit_gate(&id);
    assert!(gate.passed);
    // whitelist mode: without the role (no bond to hold) it leaves the gate altogether; its
    // report is still listed by `reports`, uncounted
    assert!(gate.not_counted.is_empty() && gate.blocking.is_empty());
    let reports = dao.reports(&id);
    assert!(reports.iter().any(|r| r.auditor == auditor1 && !r.counted));

    dao.approve("ctr0", &id);
    dao.finalize("ctr1", &id, vec![artifact("berty-3.0.0.apk", "android")])
        .unwrap();
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Released);

    let verified = check(&export(&dao, &id), &["berty-3.0.0.apk"]).expect("the bundle verifies");
    // the verifier, replaying the members log, did not count the deactivated no_go
    assert!(verified
        .gates
        .iter()
        .all(|g| g.gate.blocking().next().is_none()));
}
