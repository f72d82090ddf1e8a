"""Which blind splits the judge is fitted on: train by default, more on request, never dev (it chooses)."""

from __future__ import annotations

import pytest

from evals.collection import ITEMS, load
from govdoc.fit_judge import fit_rows, main


def test_the_fit_takes_the_items_of_the_splits_named() -> None:
    train, test = load(ITEMS, "train"), load(ITEMS, "test")
    both = fit_rows(("train", "test"))
    assert len(both) == len(train) + len(test) and {r["split"] for r in both} == {"train", "test"}
    assert [r["id"] for r in fit_rows(("train",))] == [r["id"] for r in train]


def test_dev_cannot_be_fitted_on(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--train-splits", "train,dev"])
    assert "dev" in capsys.readouterr().err
