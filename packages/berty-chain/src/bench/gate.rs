//! The audit gate under the attack of SPEC 4.2 / issue 11 case 3: addresses that bond,
//! report, unbond and claim, one after another, leave reports behind on the candidate. The
//! gate's checks (`submit_for_vote`, `finalize`) must cost the same after a thousand such
//! ex-auditors as after none: the registry iterates the auditors of now, not every address
//! that ever reported.

use berty_deploy::Config;
use berty_interface::audit_registry::{self, ReportStatus, StakingConfig, SubmitReportMsg};
use berty_interface::council_vote::{self, Vote, VoteMsg};
use berty_interface::membership::MemberInit;
use berty_interface::release::{self, ProposeReleaseMsg};
use berty_interface::{College, Role};
use cosmwasm_std::{coin, Addr, Uint128};
use serde::Serialize;
use std::path::Path;

use super::{digest, finalize_msg, submit_for_vote, CHAIN_ID, DENOM, MIN_BOND};
use crate::dao::{Artifacts, Contract, Dao, DaoError};
use crate::{Chain, GasUsed};

/// The unbonding period of this run: the ex-auditors claim after it.
const UNBONDING_SECONDS: u64 = 3600;

/// The gate's two checks after `ex_auditors` addresses reported and left.
#[derive(Debug, Clone, Serialize)]
pub struct GateRun {
    pub ex_auditors: usize,
    /// Reports on the candidate when it is submitted (the ex-auditors' and the one auditor's).
    pub reports: usize,
    pub submit_for_vote: GasUsed,
    pub finalize: GasUsed,
}

/// A candidate on which `ex_auditors` addresses each bonded `min_bond` (gaining the role),
/// reported (`go` and `no_go` alternately), unbonded everything (losing the role) and
/// claimed after the unbonding period; then one bonded auditor reports `go`, the CTR
/// submits it, both colleges approve, and the CTR finalizes. Measures the two execute
/// paths that run the audit gate.
pub fn run_gate(
    artifacts: &Artifacts,
    cache: &Path,
    ex_auditors: usize,
) -> Result<GateRun, DaoError> {
    let mut chain = Chain::with_cache_dir(CHAIN_ID, cache);
    let api = chain.api().clone();
    let deployer = api.user("deployer");
    let ctr = api.user("ctr");
    let activist = api.user("activist");
    let technologist = api.user("technologist");
    let auditor = api.user("auditor");
    let leavers: Vec<Addr> = (0..ex_auditors)
        .map(|i| api.user(&format!("ex-auditor-{i}")))
        .collect();
    for addr in leavers.iter().chain([&auditor]) {
        chain.mint(addr, coin(MIN_BOND, DENOM));
    }
    let member = |addr: &Addr, role: Role| MemberInit {
        addr: addr.to_string(),
        role,
    };
    let config = Config {
        comment: None,
        app_name: "Berty Messenger".into(),
        members: vec![
            member(&ctr, Role::CoreTeamRep),
            member(
                &activist,
                Role::Council {
                    college: College::Activists,
                },
            ),
            member(
                &technologist,
                Role::Council {
                    college: College::Technologists,
                },
            ),
        ],
        rules: None,
        governance_rules: None,
        staking: Some(StakingConfig {
            denom: DENOM.into(),
            min_bond: Uint128::new(MIN_BOND),
            unbonding_period: UNBONDING_SECONDS,
        }),
        disputes: None,
    };
    let mut dao = Dao::deploy(chain, artifacts, &config, &deployer, |_| {})?;
    let release_id = digest(&format!("berty-gate-{ex_auditors}"));
    dao.execute(
        &ctr,
        Contract::Release,
        &release::ExecuteMsg::Propose(ProposeReleaseMsg {
            release_id: release_id.clone(),
            version: "2.500.0".into(),
            source_uri: "ipfs://source".into(),
            commit: None,
            notes_uri: None,
        }),
        &[],
    )?;
    let report = |status: ReportStatus, i: usize| {
        audit_registry::ExecuteMsg::SubmitReport(SubmitReportMsg {
            release_id: release_id.clone(),
            status,
            report_uri: format!("ipfs://report-{i}"),
            report_digest: digest(&format!("report {i}")),
            signature: None,
        })
    };
    let bond = audit_registry::ExecuteMsg::Bond {};
    for (i, leaver) in leavers.iter().enumerate() {
        dao.execute(
            leaver,
            Contract::AuditRegistry,
            &bond,
            &[coin(MIN_BOND, DENOM)],
        )?;
        let status = if i % 2 == 0 {
            ReportStatus::Go
        } else {
            ReportStatus::NoGo
        };
        dao.execute(leaver, Contract::AuditRegistry, &report(status, i), &[])?;
        dao.execute(
            leaver,
            Contract::AuditRegistry,
            &audit_registry::ExecuteMsg::Unbond {
                amount: Uint128::new(MIN_BOND),
            },
            &[],
        )?;
    }
    dao.chain.next_block_after(UNBONDING_SECONDS);
    for leaver in &leavers {
        dao.execute(
            leaver,
            Contract::AuditRegistry,
            &audit_registry::ExecuteMsg::Claim {},
            &[],
        )?;
    }
    dao.execute(
        &auditor,
        Contract::AuditRegistry,
        &bond,
        &[coin(MIN_BOND, DENOM)],
    )?;
    dao.execute(
        &auditor,
        Contract::AuditRegistry,
        &report(ReportStatus::Go, ex_auditors),
        &[],
    )?;
    dao.chain.next_block();
    let (submit_for_vote, proposal_id) = submit_for_vote(&mut dao, &ctr, &release_id)?;
    dao.chain.next_block();
    for voter in [&activist, &technologist] {
        dao.execute(
            voter,
            Contract::CouncilVote,
            &council_vote::ExecuteMsg::Vote(VoteMsg {
                proposal_id,
                vote: Vote::Yes,
                rationale: None,
                signature: None,
            }),
            &[],
        )?;
    }
    dao.execute(
        &deployer,
        Contract::CouncilVote,
        &council_vote::ExecuteMsg::Close { proposal_id },
        &[],
    )?;
    let finalize = dao.execute(
        &ctr,
        Contract::Release,
        &finalize_msg(&release_id, &digest("berty-android.apk")),
        &[],
    )?;
    Ok(GateRun {
        ex_auditors,
        reports: ex_auditors + 1,
        submit_for_vote: submit_for_vote.gas,
        finalize: finalize.gas,
    })
}
