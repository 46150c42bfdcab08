"""Errors and warnings the engine reports to users.

Every issue has a stable ``code`` and ``params`` so the Django layer can translate it; the
English ``message`` is for the CLI and logs. ``path`` names the field in the model file,
for example ``outcomes[2].deadweight``, and ``label`` says the same in plain words
("Deadweight (%), outcome 3"; :func:`grogrund.engine.labels.field_label`), filled in from the
path when not given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grogrund.engine.labels import field_label


@dataclass(frozen=True)
class Issue:
    """One error or warning about a model: what, where, and the numbers involved."""

    code: str
    message: str
    path: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label and self.path:
            object.__setattr__(self, "label", field_label(self.path))

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "path": self.path,
            "params": self.params,
            "label": self.label,
        }

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ModelError(ValueError):
    """A model the user wrote cannot be evaluated. Carries one or more issues."""

    def __init__(self, issues: list[Issue]) -> None:
        if not issues:
            raise ValueError("ModelError needs at least one issue")
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues))

    @property
    def code(self) -> str:
        return self.issues[0].code

    @property
    def path(self) -> str:
        return self.issues[0].path

    def to_dict(self) -> dict[str, Any]:
        return {"errors": [i.to_dict() for i in self.issues]}


def model_error(code: str, message: str, path: str = "", **params: Any) -> ModelError:
    return ModelError([Issue(code=code, message=message, path=path, params=params)])
