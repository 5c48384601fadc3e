//! Opening proposals: governance proposals (`propose`) and release votes
//! (`open_release_vote`). Opening is rare, so it may ask membership for the eligible
//! counts; ballots never call another contract on their common path.

use berty_interface::council_vote::{ProposalKind, ProposalStatus, Rules, Tally};
use berty_interface::keys::MembershipReader;
use berty_interface::membership::{CountsResponse, QueryMsg as MembershipQuery};
use berty_interface::release::ExecuteMsg as ReleaseExecuteMsg;
use berty_interface::validate::{validate_digest, validate_text, validate_title, TEXT_MAX_BYTES};
use berty_interface::{College, Role};
use cosmwasm_std::{
    from_json, to_json_vec, CosmosMsg, DepsMut, Empty, Env, MessageInfo, Response, WasmMsg,
};

use crate::error::ContractError;
use crate::state::{
    status_code, Config, Proposal, ProposalText, CONFIG, GOVERNANCE_RULES, NEXT_PROPOSAL_ID,
    PROPOSAL_TEXTS, RULES, STATUS_INDEX,
};

/// At most this many messages in one governance proposal.
pub const MAX_MSGS: usize = 16;

/// At most this many bytes of messages (their JSON) in one governance proposal: a proposal's
/// text is stored, answered by every `proposal` query and run by `execute`.
pub const MAX_MSGS_BYTES: usize = 64 * 1024;

pub fn propose(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    title: String,
    description: String,
    msgs: Vec<CosmosMsg<Empty>>,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let role = MembershipReader(config.membership.clone())
        .record(&deps.querier, &info.sender)?
        .map(|record| record.role);
    if !matches!(role, Some(Role::Council { .. } | Role::CoreTeamRep)) {
        return Err(ContractError::Unauthorized {
            sender: info.sender,
            required: "a council member or a core team representative",
        });
    }
    cw_utils::nonpayable(&info)?;
    validate_title("title", &title)?;
    validate_text("description", &description, TEXT_MAX_BYTES)?;
    if msgs.len() > MAX_MSGS {
        return Err(ContractError::TooManyMessages {
            count: msgs.len(),
            max: MAX_MSGS,
        });
    }
    let size = to_json_vec(&msgs)?.len();
    if size > MAX_MSGS_BYTES {
        return Err(ContractError::MessagesTooLarge {
            size,
            max: MAX_MSGS_BYTES,
        });
    }
    refuse_release_decisions(&config, &msgs)?;
    let text = ProposalText {
        proposer: info.sender.clone(),
        release_id: None,
        title,
        description,
        msgs,
        opened_at: env.block.time,
    };
    let rules = GOVERNANCE_RULES.load(deps.storage)?;
    let id = open(deps, &env, &config, ProposalKind::Governance, rules, text)?;
    Ok(Response::new()
        .add_attribute("action", "propose")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("proposer", info.sender)
        .add_attribute("status", ProposalStatus::Open.as_str()))
}

/// The release contract takes `record_council_decision` from council-vote alone; a
/// governance proposal could otherwise approve a release whose own vote is still open.
/// Release decisions come only from `close`.
fn refuse_release_decisions(
    config: &Config,
    msgs: &[CosmosMsg<Empty>],
) -> Result<(), ContractError> {
    for (index, msg) in msgs.iter().enumerate() {
        if let CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr, msg, ..
        }) = msg
        {
            let decision = from_json::<ReleaseExecuteMsg>(msg)
                .is_ok_and(|m| matches!(m, ReleaseExecuteMsg::RecordCouncilDecision { .. }));
            if decision && *contract_addr == config.release.as_str() {
                return Err(ContractError::ReleaseDecisionByProposal { index });
            }
        }
    }
    Ok(())
}

pub fn open_release_vote(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    release_id: String,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.release {
        return Err(ContractError::Unauthorized {
            sender: info.sender,
            required: "the release contract",
        });
    }
    cw_utils::nonpayable(&info)?;
    validate_digest("release_id", &release_id)?;
    let text = ProposalText {
        proposer: info.sender,
        release_id: Some(release_id.clone()),
        title: format!("Release candidate {release_id}"),
        description: String::new(),
        msgs: vec![],
        opened_at: env.block.time,
    };
    let rules = RULES.load(deps.storage)?;
    let id = open(deps, &env, &config, ProposalKind::Release, rules, text)?;
    Ok(Response::new()
        .add_attribute("action", "open_release_vote")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("release_id", release_id)
        .add_attribute("status", ProposalStatus::Open.as_str()))
}

/// Opens a proposal under the id `NEXT_PROPOSAL_ID` holds (the id the release contract
/// read raw just before), with the colleges' sizes at the start of this block.
fn open(
    deps: DepsMut,
    env: &Env,
    config: &Config,
    kind: ProposalKind,
    rules: Rules,
    text: ProposalText,
) -> Result<u64, ContractError> {
    let height = env.block.height;
    let counts: CountsResponse = deps.querier.query_wasm_smart(
        &config.membership,
        &MembershipQuery::Counts {
            at_height: Some(height),
        },
    )?;
    let mut tally = Tally::default();
    for college in College::ALL {
        let eligible = counts.college(college);
        if eligible == 0 {
            return Err(ContractError::empty_college(college));
        }
        tally.college_mut(college).eligible = eligible;
    }
    // rules cap the period (`MAX_VOTING_PERIOD`); the block time is the chain's
    let deadline = rules
        .voting_period
        .checked_mul(1_000_000_000)
        .and_then(|period| env.block.time.nanos().checked_add(period))
        .map(cosmwasm_std::Timestamp::from_nanos)
        .ok_or(ContractError::DeadlineOverflow {
            voting_period: rules.voting_period,
        })?;
    let id = NEXT_PROPOSAL_ID.may_load(deps.storage)?.unwrap_or(1);
    NEXT_PROPOSAL_ID.save(deps.storage, &(id + 1))?;
    let proposal = Proposal {
        kind,
        status: ProposalStatus::Open,
        snapshot_height: height,
        deadline,
        rules,
        tally,
        rejection: None,
        closed: false,
        membership: config.membership.clone(),
        ballots_log: None,
    };
    proposal.create(deps.storage, id)?;
    PROPOSAL_TEXTS.save(deps.storage, id, &text)?;
    STATUS_INDEX.save(deps.storage, (status_code(ProposalStatus::Open), id), &())?;
    Ok(id)
}
