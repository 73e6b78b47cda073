"""Right and wrong answers to c11's questions, which `academy validate` judges (right ones label, rank and model
other ways; wrong ones use one term, the wrong direction, unauthorised absence only, the wrong end of the rule,
or a list that is the rule itself or the lowest risks)."""

RIGHT = {
    "q1": [
        # a True/False Series labelled by pupil_id, each sum grouped on its own
        "by_pupil = attendance.groupby('pupil_id')\n"
        "answer_q1 = by_pupil['attended_sessions'].sum() / by_pupil['possible_sessions'].sum() <= 0.9",
        # the missed share, 10% or more, looked up with map
        "missed = attendance['possible_sessions'] - attendance['attended_sessions']\n"
        "share_missed = missed.groupby(attendance['pupil_id']).sum() / "
        "attendance.groupby('pupil_id')['possible_sessions'].sum()\n"
        "answer_q1 = pupils.assign(persistently_absent=pupils['pupil_id'].map(share_missed >= 0.1))",
        # a pivot table of terms, added across, a two-column table
        "wide = attendance.pivot_table(index='pupil_id', columns='term', aggfunc='sum', observed=True,\n"
        "                              values=['attended_sessions', 'possible_sessions'])\n"
        "rate = wide['attended_sessions'].sum(axis=1) / wide['possible_sessions'].sum(axis=1)\n"
        "answer_q1 = rate.le(0.9).rename('persistently_absent').reset_index()",
    ],
    "q2": [
        # the rule's pupils looked up by their ids
        "prior = pupils.set_index('pupil_id')['prior_attendance_pct']\n"
        "chosen = prior.nsmallest(round(len(prior) / 10)).index\n"
        "answer_q2 = answer_q1.set_index('pupil_id').loc[chosen, 'persistently_absent'].mean()",
        # sorted, the first tenth kept
        "answer_q2 = answer_q1.sort_values('prior_attendance_pct').head(round(0.1 * len(answer_q1)))"
        "['persistently_absent'].mean()",
        # ranked, counted and divided
        "k = round(0.1 * len(answer_q1))\n"
        "first = answer_q1['prior_attendance_pct'].rank(method='first') <= k\n"
        "answer_q2 = answer_q1.loc[first, 'persistently_absent'].astype(int).sum() / k",
    ],
    "q3": [
        # a shallow decision tree on every September column
        "from sklearn.tree import DecisionTreeClassifier\n"
        "cols = ['prior_attendance_pct', 'free_school_meals', 'send', 'incidents_recorded',\n"
        "        'household_known_to_services', 'year_group']\n"
        "tree = DecisionTreeClassifier(max_depth=4, random_state=0)"
        ".fit(answer_q1[cols], answer_q1['persistently_absent'])\n"
        "scored = unseen_pupils.assign(risk=tree.predict_proba(unseen_pupils[cols])[:, 1])\n"
        "answer_q3 = scored.nlargest(round(0.1 * len(unseen_pupils)), 'risk')['pupil_id']",
        # a logistic regression on four columns, the chosen pupils' rows as a table
        "cols = ['prior_attendance_pct', 'free_school_meals', 'send', 'incidents_recorded']\n"
        "lr = LogisticRegression(max_iter=1000).fit(answer_q1[cols], answer_q1['persistently_absent'])\n"
        "p = lr.predict_proba(unseen_pupils[cols])[:, 1]\n"
        "answer_q3 = unseen_pupils.iloc[p.argsort()[::-1][:round(0.1 * len(unseen_pupils))]]",
        # a True/False flag for every unseen pupil, labelled by pupil_id
        "cols = ['prior_attendance_pct', 'free_school_meals', 'send', 'incidents_recorded',\n"
        "        'household_known_to_services']\n"
        "lr = LogisticRegression(max_iter=1000).fit(answer_q1[cols], answer_q1['persistently_absent'])\n"
        "risk = pd.Series(lr.predict_proba(unseen_pupils[cols])[:, 1], index=unseen_pupils['pupil_id'])\n"
        "answer_q3 = risk.rank(ascending=False, method='first') <= round(0.1 * len(risk))",
    ],
}

WRONG = {
    "q1": [
        # the autumn term alone
        "autumn = attendance[attendance['term'] == 'Autumn'].set_index('pupil_id')\n"
        "rate = autumn['attended_sessions'] / autumn['possible_sessions']\n"
        "answer_q1 = pupils.merge((rate <= 0.9).rename('persistently_absent'), left_on='pupil_id', right_index=True)",
        # the wrong way round
        "year = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum()\n"
        "answer_q1 = year['attended_sessions'] / year['possible_sessions'] > 0.9",
        # unauthorised absences only
        "year = attendance.groupby('pupil_id')[['unauthorised_absences', 'possible_sessions']].sum()\n"
        "answer_q1 = year['unauthorised_absences'] / year['possible_sessions'] >= 0.1",
    ],
    "q2": [
        # a count, not a share
        "answer_q2 = answer_q1.nsmallest(round(0.1 * len(answer_q1)), 'prior_attendance_pct')"
        "['persistently_absent'].sum()",
        # the highest attendance last year
        "answer_q2 = answer_q1.nlargest(round(0.1 * len(answer_q1)), 'prior_attendance_pct')"
        "['persistently_absent'].mean()",
        # every pupil
        "answer_q2 = answer_q1['persistently_absent'].mean()",
        # the share of the absent pupils the rule finds
        "rule = answer_q1.nsmallest(round(0.1 * len(answer_q1)), 'prior_attendance_pct')\n"
        "answer_q2 = rule['persistently_absent'].sum() / answer_q1['persistently_absent'].sum()",
    ],
    "q3": [
        # the current rule itself
        "answer_q3 = list(unseen_pupils.nsmallest(round(0.1 * len(unseen_pupils)), 'prior_attendance_pct')"
        "['pupil_id'])",
        # the lowest risks
        "cols = ['prior_attendance_pct', 'free_school_meals', 'send', 'incidents_recorded']\n"
        "lr = LogisticRegression(max_iter=1000).fit(answer_q1[cols], answer_q1['persistently_absent'])\n"
        "risk = pd.Series(lr.predict_proba(unseen_pupils[cols])[:, 1], index=unseen_pupils['pupil_id'])\n"
        "answer_q3 = list(risk.nsmallest(round(0.1 * len(unseen_pupils))).index)",
        # every pupil the model says yes to, however many
        "cols = ['prior_attendance_pct', 'free_school_meals', 'send', 'incidents_recorded']\n"
        "lr = LogisticRegression(max_iter=1000).fit(answer_q1[cols], answer_q1['persistently_absent'])\n"
        "answer_q3 = list(unseen_pupils.loc[lr.predict(unseen_pupils[cols]), 'pupil_id'])",
        # pupils of the labelled table, not the unseen ones
        "answer_q3 = list(answer_q1.nsmallest(round(0.1 * len(answer_q1)), 'prior_attendance_pct')['pupil_id'])",
    ],
}
