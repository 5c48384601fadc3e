//! Opening proposals: governance proposals (`propose`) and release votes
//! (`open_release_vote`). Opening is rare, so it may ask membership for the eligible
//! counts; ballots never call another contract on their common path.

use berty_interface::council_vote::{ProposalKind, ProposalStatus, ProposeMsg, Rules, Tally};
use berty_interface::keys::MembershipReader;
use berty_interface::membership::{CountsResponse, QueryMsg as MembershipQuery};
use berty_interface::proposal_msg::ProposalMsg;
use berty_interface::release::ExecuteMsg as ReleaseExecuteMsg;
use berty_interface::validate::{
    validate_digest, validate_text, validate_title, ValidationError, TEXT_MAX_BYTES,
};
use berty_interface::{College, Role};
use cosmwasm_std::{
    from_json, to_json_vec, Addr, Api, CosmosMsg, DepsMut, Empty, Env, MessageInfo, Order,
    Response, StdResult, Storage, Timestamp, WasmMsg,
};

use crate::error::ContractError;
use crate::lists;
use crate::proposal::Proposal;
use crate::state::{
    Config, ProposalText, CONFIG, GOVERNANCE_RULES, NEXT_PROPOSAL_ID, OPEN_BY_PROPOSER,
    PROPOSAL_TEXTS, RULES,
};
use crate::status;

/// At most this many messages in one governance proposal.
pub const MAX_MSGS: usize = 16;

/// At most this many bytes of messages (their JSON) in one governance proposal: a proposal's
/// text is stored, answered by every `proposal` query and run by `execute`.
pub const MAX_MSGS_BYTES: usize = 64 * 1024;

/// At most this many open governance proposals per proposer: proposing is free, so this
/// bounds what one member can put in front of the Council (and in the lists).
pub const MAX_OPEN_PROPOSALS: usize = 5;

pub fn propose(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ProposeMsg,
) -> Result<Response, ContractError> {
    let ProposeMsg {
        title,
        description,
        msgs,
    } = msg;
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
    let msgs = check_messages(deps.api, &config, msgs)?;
    check_open_proposals(deps.storage, &info.sender, env.block.time)?;
    let text = ProposalText {
        proposer: info.sender.clone(),
        release_id: None,
        title,
        description,
        msgs,
        opened_at: env.block.time,
    };
    let rules = GOVERNANCE_RULES.load(deps.storage)?;
    let proposer = info.sender.clone();
    let id = open(
        deps.branch(),
        &env,
        &config,
        ProposalKind::Governance,
        rules,
        text,
    )?;
    OPEN_BY_PROPOSER.save(deps.storage, (&proposer, id), &())?;
    Ok(Response::new()
        .add_attribute("action", "propose")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("proposer", info.sender)
        .add_attribute("status", ProposalStatus::Open.as_str()))
}

/// What a proposal may run: `bank` and `wasm` messages (`any`, stargate, custom, ibc,
/// staking, distribution and gov messages could do what no check here sees), returned as
/// the messages to store. A wasm execute of `record_council_decision` on the release
/// contract is refused: the release contract takes it from council-vote alone, so a
/// proposal could otherwise approve a release whose own vote is still open. Addresses are
/// compared in canonical form: a chain accepts a bech32 address in capitals too.
fn check_messages(
    api: &dyn Api,
    config: &Config,
    msgs: Vec<ProposalMsg>,
) -> Result<Vec<CosmosMsg<Empty>>, ContractError> {
    let release = api.addr_canonicalize(config.release.as_str())?;
    let mut checked = Vec::with_capacity(msgs.len());
    for (index, msg) in msgs.into_iter().enumerate() {
        if let ProposalMsg::Unsupported { kind } = msg {
            return Err(ContractError::UnsupportedMessage { index, kind });
        }
        if let ProposalMsg::Wasm(WasmMsg::Execute {
            contract_addr, msg, ..
        }) = &msg
        {
            let target = api.addr_canonicalize(contract_addr).map_err(|e| {
                ValidationError::InvalidAddress {
                    addr: contract_addr.clone(),
                    reason: e.to_string(),
                }
            })?;
            let decision = from_json::<ReleaseExecuteMsg>(msg)
                .is_ok_and(|m| matches!(m, ReleaseExecuteMsg::RecordCouncilDecision(_)));
            if decision && target == release {
                return Err(ContractError::ReleaseDecisionByProposal { index });
            }
        }
        checked.extend(msg.into_cosmos());
    }
    Ok(checked)
}

/// Refuses a sixth open proposal of one proposer. Its entries are its proposals open at its
/// last `propose` (at most `MAX_OPEN_PROPOSALS`); those decided since leave here.
fn check_open_proposals(
    store: &mut dyn Storage,
    proposer: &Addr,
    now: Timestamp,
) -> Result<(), ContractError> {
    let ids: Vec<u64> = OPEN_BY_PROPOSER
        .prefix(proposer)
        .keys(store, None, None, Order::Ascending)
        .take(MAX_OPEN_PROPOSALS)
        .collect::<StdResult<_>>()?;
    let mut open = 0;
    for id in ids {
        if status::current(&status::load(store, id)?, now).status == ProposalStatus::Open {
            open += 1;
        } else {
            OPEN_BY_PROPOSER.remove(store, (proposer, id));
        }
    }
    if open >= MAX_OPEN_PROPOSALS {
        return Err(ContractError::TooManyOpenProposals {
            proposer: proposer.clone(),
            max: MAX_OPEN_PROPOSALS,
        });
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
            return Err(ContractError::college_empty(college));
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
        decided_at: None,
    };
    proposal.create(deps.storage, id)?;
    PROPOSAL_TEXTS.save(deps.storage, id, &text)?;
    lists::insert(deps.storage, id, &proposal);
    Ok(id)
}
