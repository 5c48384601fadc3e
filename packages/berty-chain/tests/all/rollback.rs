//! A failing message leaves no trace: sub-messages run in their own cache, a failure nobody
//! catches undoes the whole transaction, a caught one only the sub-message.

use berty_chain::{Chain, ChainError};
use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, Empty, WasmMsg};

use crate::add_probe;
use crate::probe::{answer_with_submessage, error_answer, Op, Probe, EMPTY_RESPONSE};

/// A callee that overwrites `b` and then answers `answer`; `b` is "1" after instantiation.
fn callee(answer: String) -> Probe {
    let mut probe = Probe::new(vec![Op::Write("b", "2"), Op::Write("b-new", "x")], answer);
    probe.instantiate_ops = vec![Op::Write("b", "1")];
    probe
}

/// A caller that overwrites `a`, then calls `callee` with `reply_on`; its reply writes
/// `replied`. `a` is "1" after instantiation.
fn caller(callee: &Addr, reply_on: &str) -> Probe {
    let mut probe = Probe::new(
        vec![Op::Write("a", "2"), Op::Write("a-new", "x")],
        answer_with_submessage(callee.as_str(), reply_on),
    );
    probe.instantiate_ops = vec![Op::Write("a", "1")];
    probe.reply_ops = vec![Op::Write("replied", "yes")];
    probe
}

fn setup(callee_answer: String, reply_on: &str) -> (Chain, Addr, Addr, Addr) {
    let mut chain = Chain::new("berty-test-1");
    let sender = chain.api().user("sender");
    let b = add_probe(&mut chain, &sender, &callee(callee_answer));
    let a = add_probe(&mut chain, &sender, &caller(&b, reply_on));
    (chain, sender, a, b)
}

fn raw(chain: &Chain, contract: &Addr, key: &str) -> Option<String> {
    chain
        .query_raw(contract, key.as_bytes())
        .map(|v| String::from_utf8(v).unwrap())
}

#[test]
fn a_failing_submessage_rolls_back_every_write_of_the_transaction() {
    let (mut chain, sender, a, b) = setup(error_answer("boom"), "never");
    let err = chain.execute(&sender, &a, &Empty {}, &[]).unwrap_err();
    assert_eq!(
        err,
        ChainError::Contract {
            contract: b.to_string(),
            error: "boom".into()
        }
    );
    // The caller's writes (before it sent the message) and the callee's, all undone.
    assert_eq!(raw(&chain, &a, "a").as_deref(), Some("1"));
    assert_eq!(raw(&chain, &a, "a-new"), None);
    assert_eq!(raw(&chain, &b, "b").as_deref(), Some("1"));
    assert_eq!(raw(&chain, &b, "b-new"), None);
    assert_eq!(raw(&chain, &a, "replied"), None);
    // The failed transaction was still charged up to its failure.
    assert_eq!(chain.last_gas().instances, 2);
}

#[test]
fn a_caught_failure_undoes_only_the_submessage_and_the_caller_hears_of_it() {
    let (mut chain, sender, a, b) = setup(error_answer("boom"), "error");
    let outcome = chain.execute(&sender, &a, &Empty {}, &[]).expect("caught");
    assert_eq!(raw(&chain, &a, "a").as_deref(), Some("2"));
    assert_eq!(raw(&chain, &a, "a-new").as_deref(), Some("x"));
    assert_eq!(raw(&chain, &a, "replied").as_deref(), Some("yes"));
    assert_eq!(raw(&chain, &b, "b").as_deref(), Some("1"));
    assert_eq!(raw(&chain, &b, "b-new"), None);
    // Caller, callee, and the caller again for the reply, at wasmd's discounted cost.
    assert_eq!(outcome.gas.instances, 3);
    assert_eq!(outcome.gas.setup, 60_000 + 60_000 + 2_000);
    assert_eq!(outcome.attribute("wasm", "action"), Some("probe"));
}

#[test]
fn a_successful_submessage_keeps_its_writes_and_replies_on_success() {
    let (mut chain, sender, a, b) = setup(EMPTY_RESPONSE.into(), "success");
    chain.execute(&sender, &a, &Empty {}, &[]).expect("runs");
    assert_eq!(raw(&chain, &b, "b").as_deref(), Some("2"));
    assert_eq!(raw(&chain, &a, "replied").as_deref(), Some("yes"));

    let (mut chain, sender, a, b) = setup(EMPTY_RESPONSE.into(), "never");
    chain.execute(&sender, &a, &Empty {}, &[]).expect("runs");
    assert_eq!(raw(&chain, &b, "b").as_deref(), Some("2"));
    assert_eq!(raw(&chain, &a, "replied"), None, "no reply asked for");
}

#[test]
fn a_transaction_of_several_messages_is_all_or_nothing() {
    let mut chain = Chain::new("berty-test-1");
    let sender = chain.api().user("sender");
    let b = add_probe(&mut chain, &sender, &callee(error_answer("boom")));
    let mut writer = Probe::new(vec![Op::Write("a", "2")], EMPTY_RESPONSE);
    writer.instantiate_ops = vec![Op::Write("a", "1")];
    let a = add_probe(&mut chain, &sender, &writer);
    let exec = |contract: &Addr| -> CosmosMsg {
        WasmMsg::Execute {
            contract_addr: contract.to_string(),
            msg: to_json_binary(&Empty {}).unwrap(),
            funds: vec![],
        }
        .into()
    };
    let err = chain
        .execute_tx(&sender, vec![exec(&a), exec(&b)])
        .unwrap_err();
    assert!(matches!(err, ChainError::Contract { .. }), "{err}");
    assert_eq!(raw(&chain, &a, "a").as_deref(), Some("1"));
    chain
        .execute_tx(&sender, vec![exec(&a)])
        .expect("runs alone");
    assert_eq!(raw(&chain, &a, "a").as_deref(), Some("2"));
}
