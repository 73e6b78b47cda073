"""m07 (segmentation) as a learner meets it: consent first, their own choice of features and k judged by the
silhouette, protected characteristics refused as features, later questions judged on their own earlier answers,
and the naming of segments marked on submission."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.cluster import KMeans

from academy.checks import registry
from academy.exercises.core import Module
from academy.testing.selfcheck import published_answers


@pytest.fixture(scope="module")
def m07():
    ex = Module(registry.module("m07").spec, learner="hannah", secret="m07-tests")
    return ex, published_answers(ex)


def _scaled(table: pd.DataFrame) -> pd.DataFrame:
    table = table.astype(float)
    return (table - table.mean()) / table.std()


def test_everyone_kept_costs_question_1_only(m07):
    ex, answers = m07
    everyone = ex.context.table("claimants").copy()
    assert "did not agree" in ex.q1.judge(everyone).message
    features = everyone[["age", "weekly_pay", "physical_functioning", "mental_health_score"]]
    assert ex.q2.judge(features, {"q1": everyone}).passed
    assert not ex.q2.judge(features, {"q1": answers["q1"]}).passed


def test_everyone_kept_is_not_marked_down_again_through_to_the_names(m07):
    ex, _ = m07
    everyone = ex.context.table("claimants").copy()
    features = everyone[["age", "weekly_pay", "physical_functioning", "mental_health_score"]]
    scaled = _scaled(features)
    assert ex.q3.judge(scaled, {"q1": everyone, "q2": features}).passed
    labels = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(scaled)
    assert ex.q4.judge(labels, {"q1": everyone, "q3": scaled}).passed
    profile = features.groupby(labels).mean()
    names = {profile["weekly_pay"].idxmax(): "older_higher_pay",
             profile["mental_health_score"].idxmin(): "poor_mental_health",
             profile["physical_functioning"].idxmin(): "poor_physical_health"}
    assert ex.q6.judge(names, {"q1": everyone, "q4": labels}).passed


def test_sex_or_marital_status_as_a_feature_is_refused_with_the_equality_act(m07):
    ex, answers = m07
    people = answers["q1"]
    with_sex = answers["q2"].assign(female=(people["sex"] == "Female").astype(int))
    message = ex.q2.judge(with_sex, {"q1": people}).message
    assert "Equality Act 2010" in message and "sex" in message
    assert "marital status" in ex.q2.judge(answers["q2"].assign(status=people["marital_status"].cat.codes),
                                           {"q1": people}).message


def test_another_choice_of_features_and_k_is_judged_on_its_own_silhouette(m07):
    ex, answers = m07
    people = answers["q1"]
    own = _scaled(people[["weekly_pay", "physical_functioning", "mental_health_score"]])
    assert ex.q3.judge(own, {"q1": people, "q2": people[own.columns]}).passed
    three = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(own)
    assert ex.q4.judge(three, {"q1": people, "q3": own}).passed
    six = KMeans(n_clusters=6, n_init=10, random_state=0).fit_predict(own)
    message = ex.q4.judge(six, {"q1": people, "q3": own}).message
    assert "Your 6 clusters have a silhouette of" in message and "k from 2 to 6" in message


def test_features_that_blur_the_groups_send_the_learner_back_to_question_2(m07):
    ex, answers = m07
    people = answers["q1"]
    blurred = _scaled(people[["age", "weekly_pay", "months_claiming", "distance_to_jobcentre_m"]])
    for k in (2, 3):
        labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(blurred)
        message = ex.q4.judge(labels, {"q1": people, "q3": blurred}).message
        assert "go back to question 2" in message


def test_sizes_profiles_and_shares_follow_the_learners_own_k(m07):
    ex, answers = m07
    people = answers["q1"]
    two = KMeans(n_clusters=2, n_init=10, random_state=0).fit_predict(answers["q3"])
    earlier = {"q1": people, "q4": two}
    assert ex.q4.judge(two, {"q1": people, "q3": answers["q3"]}).passed
    assert ex.q5.judge(pd.Series(two).value_counts(), earlier).passed
    assert not ex.q5.judge(answers["q5"], earlier).passed  # the reference's three sizes are not theirs
    shares = pd.DataFrame({"male": (people["sex"] == "Male").groupby(two).mean(),
                           "married": (people["marital_status"] == "Married").groupby(two).mean()})
    assert ex.q7.judge(shares, earlier).passed
    profile = people[["weekly_pay", "mental_health_score"]].groupby(two).mean()
    older, mixed = profile["weekly_pay"].idxmax(), profile["weekly_pay"].idxmin()
    for kind in ("poor_mental_health", "poor_physical_health"):  # two kinds in one cluster: either name
        assert ex.q6.judge({older: "older_higher_pay", mixed: kind}, earlier).passed
    assert not ex.q6.judge({older: "poor_mental_health", mixed: "older_higher_pay"}, earlier).passed


def test_naming_is_marked_on_submission_so_trying_names_tells_nothing(m07):
    ex, answers = m07
    earlier = {"q1": answers["q1"], "q4": answers["q4"]}
    right = answers["q6"]
    swapped = dict(zip(right, list(right.values())[1:] + list(right.values())[:1]))
    for names in (right, swapped):
        now = ex.q6.judge_now(names, earlier)
        assert now.held and not now.passed and not now.problems
    assert ex.q6.judge(right, earlier).passed
    assert "Compare each cluster's averages" in ex.q6.judge(swapped, earlier).message
    incomplete = dict(list(right.items())[:2])
    assert "one name for each of your question 4 clusters" in ex.q6.judge_now(incomplete, earlier).message
