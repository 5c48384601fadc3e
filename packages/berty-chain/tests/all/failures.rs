//! Failures are clean: a typed error naming what was wrong, nothing changed, the chain usable.

use berty_chain::{Chain, ChainError};
use cosmwasm_std::{coin, Empty};

use crate::probe::{answer_with_submessage, error_answer, Op, Probe, EMPTY_RESPONSE};
use crate::{add_probe, chain_with};

#[test]
fn an_artifact_that_calls_an_unknown_contract_fails_cleanly() {
    let mut chain = Chain::new("berty-test-1");
    let sender = chain.api().user("sender");
    let nobody = chain.api().user("no contract here");
    let mut probe = Probe::new(
        vec![Op::Write("a", "2")],
        answer_with_submessage(nobody.as_str(), "never"),
    );
    probe.instantiate_ops = vec![Op::Write("a", "1")];
    let caller = add_probe(&mut chain, &sender, &probe);

    let err = chain.execute(&sender, &caller, &Empty {}, &[]).unwrap_err();
    assert_eq!(
        err,
        ChainError::NoSuchContract {
            addr: nobody.to_string()
        }
    );
    assert_eq!(chain.query_raw(&caller, b"a"), Some(b"1".to_vec()));

    // The chain goes on: another transaction runs.
    let ok = add_probe(&mut chain, &sender, &Probe::new(vec![], EMPTY_RESPONSE));
    chain.execute(&sender, &ok, &Empty {}, &[]).expect("runs");
}

#[test]
fn messages_to_missing_contracts_or_codes_name_them() {
    let (mut chain, sender, _) = chain_with(&[]);
    let nobody = chain.api().user("nobody");
    assert_eq!(
        chain.execute(&sender, &nobody, &Empty {}, &[]).unwrap_err(),
        ChainError::NoSuchContract {
            addr: nobody.to_string()
        }
    );
    assert_eq!(
        chain
            .instantiate(&sender, 9, &Empty {}, &[], "x", None)
            .unwrap_err(),
        ChainError::NoSuchCode { code_id: 9 }
    );
    assert!(matches!(
        chain.predict_address(9, &sender, b"salt"),
        Err(ChainError::NoSuchCode { code_id: 9 })
    ));
}

#[test]
fn code_the_vm_rejects_is_refused_at_upload() {
    let mut chain = Chain::new("berty-test-1");
    let sender = chain.api().user("sender");
    let err = chain.store_code(&sender, b"not wasm").unwrap_err();
    assert!(matches!(err, ChainError::InvalidCode { .. }), "{err}");
}

#[test]
fn instantiate2_lands_at_the_predicted_address_once() {
    let mut chain = Chain::new("berty-test-1");
    let sender = chain.api().user("sender");
    let (code_id, _) = chain
        .store_code(&sender, &Probe::new(vec![], EMPTY_RESPONSE).wasm())
        .unwrap();
    let predicted = chain
        .predict_address(code_id, &sender, b"membership")
        .unwrap();
    let (addr, outcome) = chain
        .instantiate2(&sender, code_id, &Empty {}, &[], "m", None, b"membership")
        .unwrap();
    assert_eq!(addr, predicted);
    assert_eq!(
        outcome.attribute("instantiate", "_contract_address"),
        Some(addr.as_str())
    );
    let err = chain
        .instantiate2(&sender, code_id, &Empty {}, &[], "m", None, b"membership")
        .unwrap_err();
    assert_eq!(
        err,
        ChainError::DuplicateContract {
            addr: addr.to_string()
        }
    );
}

#[test]
fn funds_move_with_the_message_and_must_be_there() {
    let (mut chain, sender, contracts) = chain_with(&[Probe::new(vec![], EMPTY_RESPONSE)]);
    chain.mint(&sender, coin(100, "ubty"));
    chain
        .execute(&sender, &contracts[0], &Empty {}, &[coin(40, "ubty")])
        .unwrap();
    assert_eq!(chain.balance(&sender, "ubty"), 60);
    assert_eq!(chain.balance(&contracts[0], "ubty"), 40);
    let err = chain
        .execute(&sender, &contracts[0], &Empty {}, &[coin(61, "ubty")])
        .unwrap_err();
    assert_eq!(
        err,
        ChainError::InsufficientFunds {
            addr: sender.to_string(),
            denom: "ubty".into(),
            available: 60,
            needed: 61
        }
    );
    let err = chain
        .execute(&sender, &contracts[0], &Empty {}, &[coin(0, "ubty")])
        .unwrap_err();
    assert!(matches!(err, ChainError::InvalidCoins { .. }), "{err}");
}

#[test]
fn a_contract_pays_out_with_a_bank_send() {
    let mut chain = Chain::new("berty-test-1");
    let sender = chain.api().user("sender");
    let payee = chain.api().user("payee");
    let answer = format!(
        r#"{{"ok":{{"messages":[{{"id":0,"msg":{{"bank":{{"send":{{"to_address":"{payee}","amount":[{{"denom":"ubty","amount":"7"}}]}}}}}},"gas_limit":null,"reply_on":"never"}}],"attributes":[],"events":[],"data":null}}}}"#
    );
    let payer = add_probe(&mut chain, &sender, &Probe::new(vec![], answer));
    chain.mint(&sender, coin(10, "ubty"));
    chain
        .execute(&sender, &payer, &Empty {}, &[coin(10, "ubty")])
        .unwrap();
    assert_eq!(chain.balance(&payee, "ubty"), 7);
    assert_eq!(chain.balance(&payer, "ubty"), 3);
    // Without the funds the send fails and the whole transaction with it.
    let err = chain.execute(&sender, &payer, &Empty {}, &[]).unwrap_err();
    assert!(matches!(err, ChainError::InsufficientFunds { .. }), "{err}");
    assert_eq!(chain.balance(&payee, "ubty"), 7);
}

#[test]
fn contract_errors_traps_and_gas_exhaustion_are_typed() {
    let (mut chain, sender, contracts) = chain_with(&[
        Probe::new(vec![], error_answer("no such proposal: 4")),
        Probe::new(vec![Op::Trap], EMPTY_RESPONSE),
        Probe::new(vec![Op::Write("k", "v")], EMPTY_RESPONSE),
    ]);
    assert_eq!(
        chain
            .execute(&sender, &contracts[0], &Empty {}, &[])
            .unwrap_err(),
        ChainError::Contract {
            contract: contracts[0].to_string(),
            error: "no such proposal: 4".into()
        }
    );
    let err = chain
        .execute(&sender, &contracts[1], &Empty {}, &[])
        .unwrap_err();
    assert!(
        matches!(&err, ChainError::Vm { contract, error } if contract == contracts[1].as_str() && error.contains("unreachable")),
        "{err}"
    );
    // The instance alone costs 60,000: a lower limit stops the transaction, undone.
    chain.set_gas_limit(50_000);
    let err = chain
        .execute(&sender, &contracts[2], &Empty {}, &[])
        .unwrap_err();
    assert_eq!(err, ChainError::OutOfGas { limit: 50_000 });
    chain.set_gas_limit(62_000);
    let err = chain
        .execute(&sender, &contracts[2], &Empty {}, &[])
        .unwrap_err();
    assert_eq!(err, ChainError::OutOfGas { limit: 62_000 });
    assert_eq!(chain.query_raw(&contracts[2], b"k"), None);
}

#[test]
fn messages_the_chain_does_not_know_are_refused() {
    let answer = r#"{"ok":{"messages":[{"id":0,"msg":{"wasm":{"clear_admin":{"contract_addr":"x"}}},"gas_limit":null,"reply_on":"never"}],"attributes":[],"events":[],"data":null}}"#;
    let (mut chain, sender, contracts) = chain_with(&[Probe::new(vec![], answer)]);
    let err = chain
        .execute(&sender, &contracts[0], &Empty {}, &[])
        .unwrap_err();
    assert!(matches!(err, ChainError::Unsupported { .. }), "{err}");
}

#[test]
fn an_invalid_address_in_a_message_is_refused() {
    let answer = answer_with_submessage("cosmwasm1notours", "never");
    let (mut chain, sender, contracts) = chain_with(&[Probe::new(vec![], answer)]);
    let err = chain
        .execute(&sender, &contracts[0], &Empty {}, &[])
        .unwrap_err();
    assert!(matches!(err, ChainError::InvalidAddress { .. }), "{err}");
}
