//! The gas benchmark: each operation of the Berty process at a council size, and the same
//! decision made by cw-plus's cw3-flex-multisig over a cw4-group of that size, on the same
//! embedded chain.

use berty_interface::audit_registry::SubmitReportMsg;
use berty_interface::council_vote::VoteMsg;
use berty_interface::release::AttestPublicationMsg;
use berty_interface::release::FinalizeMsg;
use berty_interface::release::ProposeReleaseMsg;
use std::collections::BTreeMap;
use std::path::Path;

use berty_deploy::Config;
use berty_interface::audit_registry::{self, ReportStatus, StakingConfig};
use berty_interface::council_vote::{self, Vote};
use berty_interface::membership::{self, MemberInit};
use berty_interface::release::{self, Artifact, BuildInfo};
use berty_interface::signing::{signing_digest, BallotSigningPayload};
use berty_interface::{College, Role};
use cosmwasm_std::{coin, Addr, Uint128};
use serde::Serialize;
use serde_json::json;

use crate::dao::{Actor, Artifacts, Contract, Dao, DaoError};
use crate::{Chain, ChainError, GasUsed, TxOutcome};

pub mod gate;
pub mod node;
pub mod report;

pub const CHAIN_ID: &str = "berty-bench-1";
pub const DENOM: &str = "ubty";
pub const MIN_BOND: u128 = 1_000;
/// Members added per `update_members` (the contracts' batch limit).
pub const BATCH: usize = 100;

/// The operations measured, in the order of the process.
pub const OPERATIONS: [&str; 9] = [
    "propose",
    "report",
    "submit_for_vote",
    "vote",
    "close",
    "finalize",
    "attest_publication",
    "bond",
    "unbond",
];

/// Gas of each operation at one council size, plus the extra figures.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub council_size: usize,
    /// SDK gas per operation (first occurrence), with its breakdown.
    pub operations: BTreeMap<String, GasUsed>,
    /// The ballot that decided the vote (it records the decision).
    pub deciding_vote: GasUsed,
    /// The first technologist's ballot, signed by its registered key.
    pub signed_vote: GasUsed,
    pub ballots_cast: usize,
}

/// The same at cw3-flex-multisig.
#[derive(Debug, Clone, Serialize)]
pub struct Cw3Run {
    pub council_size: usize,
    pub propose: GasUsed,
    pub vote: GasUsed,
    pub deciding_vote: GasUsed,
    pub execute: GasUsed,
    pub ballots_cast: usize,
}

fn digest(text: &str) -> String {
    hex::encode(berty_hashlog::sha256(text.as_bytes()))
}

/// The `i`-th council member of `college`; the first technologist has a key (it signs).
fn council(chain: &Chain, college: College, i: usize) -> Addr {
    if (college, i) == (College::Technologists, 0) {
        return signer(chain).addr;
    }
    chain.api().user(&format!("council-{college:?}-{i}"))
}

fn signer(chain: &Chain) -> Actor {
    Actor::from_seed(chain, "berty-bench/technologist-0", "technologist-0")
}

/// Adds `addrs` with `role` to membership, `BATCH` per message, as the owner `admin`.
fn add_members(dao: &mut Dao, admin: &Addr, members: Vec<MemberInit>) -> Result<(), ChainError> {
    for batch in members.chunks(BATCH) {
        dao.execute(
            admin,
            Contract::Membership,
            &membership::ExecuteMsg::UpdateMembers {
                add: batch.to_vec(),
                remove: vec![],
            },
            &[],
        )?;
    }
    Ok(())
}

/// `submit_for_vote` of `release_id` by `ctr`: the outcome and the id of the vote it opened.
fn submit_for_vote(
    dao: &mut Dao,
    ctr: &Addr,
    release_id: &str,
) -> Result<(TxOutcome, u64), ChainError> {
    let outcome = dao.execute(
        ctr,
        Contract::Release,
        &release::ExecuteMsg::SubmitForVote {
            release_id: release_id.to_owned(),
        },
        &[],
    )?;
    let proposal_id = outcome
        .attribute("wasm", "proposal_id")
        .and_then(|id| id.parse().ok())
        .expect("submit_for_vote names the proposal");
    Ok((outcome, proposal_id))
}

/// The benchmark's `finalize`: one Android artifact of digest `artifact_digest`.
fn finalize_msg(release_id: &str, artifact_digest: &str) -> release::ExecuteMsg {
    release::ExecuteMsg::Finalize(FinalizeMsg {
        release_id: release_id.to_owned(),
        artifacts: vec![Artifact {
            name: "berty-android.apk".into(),
            platform: "android".into(),
            digest: artifact_digest.to_owned(),
            uri: "ipfs://apk".into(),
        }],
        build: BuildInfo {
            builder: "reproducible-ci".into(),
            provenance_uri: None,
            provenance_digest: None,
        },
    })
}

/// The Berty process at council size `size` (half activists, half technologists), in staked
/// mode; membership is owned by the deployer (instead of council-vote) so that it can add
/// the council in batches. Measures every operation of [`OPERATIONS`].
pub fn run_berty(artifacts: &Artifacts, cache: &Path, size: usize) -> Result<Run, DaoError> {
    let mut chain = Chain::with_cache_dir(CHAIN_ID, cache);
    let deployer = chain.api().user("deployer");
    let carol = Actor::from_seed(&chain, "berty-demo/carol", "carol");
    let auditors: Vec<Addr> = (0..4)
        .map(|i| chain.api().user(&format!("auditor-{i}")))
        .collect();
    for auditor in &auditors {
        chain.mint(auditor, coin(10 * MIN_BOND, DENOM));
    }
    let config = Config {
        comment: None,
        app_name: "Berty Messenger".into(),
        // a seat in each college from genesis (membership never holds an empty college); the
        // batches below seat the rest
        members: [
            (carol.addr.clone(), Role::CoreTeamRep),
            (
                council(&chain, College::Activists, 0),
                Role::Council {
                    college: College::Activists,
                },
            ),
            (
                council(&chain, College::Technologists, 0),
                Role::Council {
                    college: College::Technologists,
                },
            ),
        ]
        .into_iter()
        .map(|(addr, role)| MemberInit {
            addr: addr.to_string(),
            role,
        })
        .collect(),
        rules: None,
        governance_rules: None,
        staking: Some(StakingConfig {
            denom: DENOM.into(),
            min_bond: Uint128::new(MIN_BOND),
            unbonding_period: 14 * 24 * 3600,
        }),
        disputes: None,
    };
    let owner = deployer.to_string();
    let mut dao = Dao::deploy(chain, artifacts, &config, &deployer, |planned| {
        if planned.name == "membership" {
            planned.msg["owner"] = json!(owner);
        }
    })?;
    let members = (0..size)
        .map(|i| {
            let college = if i % 2 == 0 {
                College::Activists
            } else {
                College::Technologists
            };
            MemberInit {
                addr: council(&dao.chain, college, i / 2).to_string(),
                role: Role::Council { college },
            }
        })
        .collect();
    add_members(&mut dao, &deployer, members)?;
    dao.register_key(&carol)?;
    let signer = signer(&dao.chain);
    dao.register_key(&signer)?;
    let mut ops = BTreeMap::new();
    let mut measure = |name: &str, outcome: TxOutcome| {
        ops.entry(name.to_owned()).or_insert(outcome.gas);
        outcome
    };

    // Auditors bond; reaching min_bond grants the role through membership.
    for auditor in &auditors {
        let outcome = dao.execute(
            auditor,
            Contract::AuditRegistry,
            &audit_registry::ExecuteMsg::Bond {},
            &[coin(MIN_BOND, DENOM)],
        )?;
        measure("bond", outcome);
    }
    dao.chain.next_block();

    let release_id = digest(&format!("berty-source-{size}"));
    let outcome = dao.execute(
        &carol.addr,
        Contract::Release,
        &release::ExecuteMsg::Propose(ProposeReleaseMsg {
            release_id: release_id.clone(),
            version: "2.500.0".into(),
            source_uri: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".into(),
            commit: Some("4f0c9e1d2b3a4f0c9e1d2b3a4f0c9e1d2b3a4f0c".into()),
            notes_uri: None,
        }),
        &[],
    )?;
    measure("propose", outcome);
    for (i, auditor) in auditors[..3].iter().enumerate() {
        let outcome = dao.execute(
            auditor,
            Contract::AuditRegistry,
            &audit_registry::ExecuteMsg::SubmitReport(SubmitReportMsg {
                release_id: release_id.clone(),
                status: ReportStatus::Go,
                report_uri: format!("ipfs://report-{i}"),
                report_digest: digest(&format!("report {i}")),
                signature: None,
            }),
            &[],
        )?;
        measure("report", outcome);
    }
    dao.chain.next_block();
    let (outcome, proposal_id) = submit_for_vote(&mut dao, &carol.addr, &release_id)?;
    measure("submit_for_vote", outcome);
    dao.chain.next_block();

    // Yes from each college in turn until the vote is decided.
    let mut ballots_cast = 0;
    let mut deciding_vote = GasUsed::default();
    let mut signed_vote = GasUsed::default();
    'voting: for i in 0..size.div_ceil(2) {
        for college in [College::Activists, College::Technologists] {
            let voter = council(&dao.chain, college, i);
            let signature = (voter == signer.addr).then(|| {
                let payload = BallotSigningPayload {
                    chain_id: CHAIN_ID.into(),
                    contract: dao.council_vote.to_string(),
                    proposal_id,
                    vote: Vote::Yes,
                    rationale: None,
                };
                signer
                    .key
                    .sign(&signing_digest(&payload).expect("payloads serialize"))
            });
            let signed = signature.is_some();
            let outcome = dao.execute(
                &voter,
                Contract::CouncilVote,
                &council_vote::ExecuteMsg::Vote(VoteMsg {
                    proposal_id,
                    vote: Vote::Yes,
                    rationale: None,
                    signature,
                }),
                &[],
            )?;
            ballots_cast += 1;
            let status = outcome.attribute("wasm", "status").map(str::to_owned);
            let gas = if signed {
                signed_vote = outcome.gas;
                outcome.gas
            } else {
                measure("vote", outcome).gas
            };
            if status.as_deref() == Some("passed") {
                deciding_vote = gas;
                break 'voting;
            }
        }
    }
    let outcome = dao.execute(
        &deployer,
        Contract::CouncilVote,
        &council_vote::ExecuteMsg::Close { proposal_id },
        &[],
    )?;
    measure("close", outcome);
    let artifact_digest = digest("berty-android.apk");
    let outcome = dao.execute(
        &carol.addr,
        Contract::Release,
        &finalize_msg(&release_id, &artifact_digest),
        &[],
    )?;
    measure("finalize", outcome);
    let outcome = dao.execute(
        &carol.addr,
        Contract::Release,
        &release::ExecuteMsg::AttestPublication(AttestPublicationMsg {
            release_id,
            channel: "google-play".into(),
            artifact_digest,
            listing_uri: None,
        }),
        &[],
    )?;
    measure("attest_publication", outcome);
    // The fourth auditor leaves: falling below min_bond revokes the role through membership.
    let outcome = dao.execute(
        &auditors[3],
        Contract::AuditRegistry,
        &audit_registry::ExecuteMsg::Unbond {
            amount: Uint128::new(MIN_BOND),
        },
        &[],
    )?;
    measure("unbond", outcome);
    Ok(Run {
        council_size: size,
        operations: ops,
        deciding_vote,
        signed_vote,
        ballots_cast,
    })
}

/// The same decision with cw-plus: a cw4-group of `size` members (weight 1, added in
/// batches), a cw3-flex-multisig with the same turnout and threshold (quorum 2/3,
/// threshold 1/2, 7 days); a proposal, yes ballots until it passes, its execution.
pub fn run_cw3(cw_plus: &Path, cache: &Path, size: usize) -> Result<Cw3Run, DaoError> {
    let artifacts = Artifacts::open(cw_plus)?;
    let mut chain = Chain::with_cache_dir(CHAIN_ID, cache);
    let admin = chain.api().user("deployer");
    let (group_code, _) = chain.store_code(&admin, &artifacts.wasm("cw4_group")?)?;
    let (flex_code, _) = chain.store_code(&admin, &artifacts.wasm("cw3_flex_multisig")?)?;
    let (group, _) = chain.instantiate(
        &admin,
        group_code,
        &json!({"admin": admin, "members": []}),
        &[],
        "cw4-group",
        None,
    )?;
    let members: Vec<Addr> = (0..size)
        .map(|i| chain.api().user(&format!("cw4-member-{i}")))
        .collect();
    for batch in members.chunks(BATCH) {
        let add: Vec<_> = batch
            .iter()
            .map(|a| json!({"addr": a, "weight": 1}))
            .collect();
        chain.execute(
            &admin,
            &group,
            &json!({"update_members": {"add": add, "remove": []}}),
            &[],
        )?;
    }
    let (flex, _) = chain.instantiate(
        &admin,
        flex_code,
        &json!({
            "group_addr": group,
            "threshold": {"threshold_quorum": {"threshold": "0.5", "quorum": "0.666666666666666666"}},
            "max_voting_period": {"time": 7 * 24 * 3600},
            "executor": null,
            "proposal_deposit": null
        }),
        &[],
        "cw3-flex-multisig",
        None,
    )?;
    chain.next_block();
    let propose = chain.execute(
        &members[0],
        &flex,
        &json!({"propose": {"title": "Release 2.500.0", "description": "ship it", "msgs": [], "latest": null}}),
        &[],
    )?;
    let proposal_id: u64 = propose
        .attribute("wasm", "proposal_id")
        .and_then(|id| id.parse().ok())
        .expect("propose names the proposal");
    chain.next_block();
    let mut first_vote = None;
    let mut deciding_vote = GasUsed::default();
    let mut ballots_cast = 1; // the proposer's own yes
    for voter in &members[1..] {
        let outcome = chain.execute(
            voter,
            &flex,
            &json!({"vote": {"proposal_id": proposal_id, "vote": "yes"}}),
            &[],
        )?;
        ballots_cast += 1;
        first_vote.get_or_insert(outcome.gas);
        if outcome.attribute("wasm", "status") == Some("Passed") {
            deciding_vote = outcome.gas;
            break;
        }
    }
    let execute = chain.execute(
        &members[0],
        &flex,
        &json!({"execute": {"proposal_id": proposal_id}}),
        &[],
    )?;
    Ok(Cw3Run {
        council_size: size,
        propose: propose.gas,
        vote: first_vote.unwrap_or_default(),
        deciding_vote,
        execute: execute.gas,
        ballots_cast,
    })
}
