"""The ``repr`` of the generated input models that carry secret values, and of the mock's state
objects, never shows a secret value (nor a key)."""

from __future__ import annotations

from typing import Any

KEY = "apk_user_REPR_SENTINEL_KEY_0a9b8c"
SECRET = 'SECRET-VALUE-SENTINEL-with-"quote"-and-\\backslash'


def test_generated_models_carrying_secret_values_never_show_them() -> None:
    from devin_api.models import CreateSecretRequest, CreateSessionParams, SessionSecretInput

    secret_input = SessionSecretInput(key="TOKEN", value=SECRET)
    objects: list[Any] = [
        secret_input,
        SessionSecretInput.from_dict({"key": "TOKEN", "value": SECRET, "extra": SECRET}),
        CreateSecretRequest.from_dict(
            {"type": "key-value", "key": "TOKEN", "value": SECRET, "sensitive": True, "note": ""}
        ),
        CreateSessionParams(prompt="p", session_secrets=[secret_input]),
        CreateSessionParams.from_dict(
            {"prompt": "p", "session_secrets": [{"key": "TOKEN", "value": SECRET}]}
        ),
    ]
    for obj in objects:
        assert "SECRET-VALUE-SENTINEL" not in repr(obj)
        assert "SECRET-VALUE-SENTINEL" not in str(obj)
    assert "key='TOKEN'" in repr(secret_input)  # the rest of the model is still shown
    assert "value=" not in repr(secret_input) or "***" in repr(secret_input)
    # The values themselves are untouched, and are sent.
    assert secret_input.value == SECRET
    assert objects[3].to_dict()["session_secrets"][0]["value"] == SECRET


# -- repr of the mock's state --------------------------------------------------------------------


def test_the_mocks_state_never_shows_secret_values_in_repr() -> None:
    from devin_client.testing import DevinMock

    mock = DevinMock(keys={KEY: "org-locals"})
    store = mock.store
    body = {
        "prompt": "p",
        "idempotent": True,
        "session_secrets": [{"key": "TOKEN", "value": SECRET, "sensitive": True}],
    }
    created = store.create_session("org-locals", KEY, body)
    store.create_secret(
        "org-locals",
        {"type": "key-value", "key": "DB", "value": SECRET, "sensitive": True, "note": ""},
    )
    org = store.org("org-locals")
    shown = [repr(store), repr(org), repr(mock), str(org), repr(vars(org))]
    shown += [repr(r) for r in org.sessions.values()] + [repr(r) for r in org.secrets.values()]
    for text in shown:
        assert "SECRET-VALUE-SENTINEL" not in text, text
    assert KEY not in repr(store) + repr(mock)
    # Idempotency still works.
    assert store.create_session("org-locals", KEY, body)["session_id"] == created["session_id"]
