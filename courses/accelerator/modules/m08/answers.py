"""Right and wrong answers to m08's questions, which `academy validate` judges (right ones reach the same labels,
risks and rates by other routes, or choose other models that beat the rule; wrong ones average term rates, leak the
split, mix up precision and recall, measure the rule the wrong way round...)."""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, rounding the question allows...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # named aggregation, the rate mapped onto pupils by pupil_id
        "year = attendance.groupby('pupil_id').agg(attended=('attended_sessions', 'sum'),\n"
        "                                          possible=('possible_sessions', 'sum'))\n"
        "rate = year['attended'] / year['possible']\n"
        "answer_q1 = pupils.assign(persistently_absent=pupils['pupil_id'].map(rate <= 0.9))",
        # from the absences: missed one session in ten or more; joined on the index, rows in another order
        "a = attendance.assign(missed=attendance['authorised_absences'] + attendance['unauthorised_absences'])\n"
        "year = a.groupby('pupil_id')[['possible_sessions', 'missed']].sum()\n"
        "year['persistently_absent'] = year['missed'] / year['possible_sessions'] >= 0.1  # the DfE's words\n"
        "answer_q1 = pupils.join(year['persistently_absent'], on='pupil_id').sort_values('year_group')",
        # a pivot table of the three terms, merged on a column
        "terms = attendance.pivot_table(index='pupil_id', values=['attended_sessions', 'possible_sessions'],\n"
        "                               aggfunc='sum').reset_index()\n"
        "terms['persistently_absent'] = terms['attended_sessions'] / terms['possible_sessions'] <= 0.9\n"
        "answer_q1 = pd.merge(pupils, terms[['pupil_id', 'persistently_absent']], on='pupil_id')",
    ],
    "q2": [
        # pupil_id as the index before splitting: the same rows go to test
        "data = answer_q1.set_index('pupil_id')\n"
        "train, test = train_test_split(data, test_size=0.3, random_state=0)\n"
        "model = LogisticRegression(max_iter=1000).fit(train[features], train['persistently_absent'])\n"
        "answer_q2 = pd.Series(model.predict_proba(test[features])[:, 1], index=test.index, name='risk')",
        # X and y split together, the outcome as 0/1, risks sorted highest first
        "X_train, X_test, y_train, y_test = train_test_split(answer_q1[features], answer_q1['persistently_absent'],\n"
        "                                                    test_size=0.3, random_state=0)\n"
        "model = LogisticRegression(max_iter=1000).fit(X_train, y_train.astype(int))\n"
        "risk = pd.Series(model.predict_proba(X_test)[:, 1], index=answer_q1.loc[X_test.index, 'pupil_id'])\n"
        "answer_q2 = risk.sort_values(ascending=False)",
        # the risk kept as a column of the test table first
        "train, test = train_test_split(answer_q1, test_size=0.3, random_state=0)\n"
        "model = LogisticRegression(max_iter=1000)\n"
        "model.fit(train[features], train['persistently_absent'])\n"
        "test = test.assign(risk=model.predict_proba(test[features])[:, 1])\n"
        "answer_q2 = test.set_index('pupil_id')['risk']",
    ],
    "q3": [
        # nlargest, then the share absent among the flagged and of the absent
        "n = round(0.1 * len(answer_q2))\n"
        "top = answer_q2.nlargest(n).index\n"
        "truth = answer_q1.set_index('pupil_id').loc[answer_q2.index, 'persistently_absent']\n"
        "answer_q3 = {'precision': truth.loc[top].mean(), 'recall': truth.loc[top].sum() / truth.sum()}",
        # sklearn's metrics on a flag from sort_values().head()
        "from sklearn.metrics import precision_score, recall_score\n"
        "top = answer_q2.sort_values(ascending=False).head(len(answer_q2) // 10).index\n"
        "y_pred = answer_q2.index.isin(top)\n"
        "y_true = answer_q1.set_index('pupil_id')['persistently_absent'].reindex(answer_q2.index)\n"
        "answer_q3 = {'recall': float(recall_score(y_true, y_pred)),\n"
        "             'precision': float(precision_score(y_true, y_pred))}",
        # the top 10% as the risks at or above the 90th percentile
        "flagged = answer_q2 >= answer_q2.quantile(0.9)\n"
        "truth = answer_q1.set_index('pupil_id')['persistently_absent'].reindex(answer_q2.index)\n"
        "hits = (flagged & truth).sum()\n"
        "answer_q3 = dict(precision=hits / flagged.sum(), recall=hits / truth.sum())",
    ],
    "q4": [
        # one table of the test pupils: recall is the share flagged among the absent
        "t = pd.DataFrame({'flag': flag, 'absent': absent,\n"
        "                  'eal': answer_q1.set_index('pupil_id')['eal'].reindex(answer_q2.index)})\n"
        "answer_q4 = t[t['absent']].groupby('eal')['flag'].mean()",
        # a dictionary comprehension over the two groups
        "eal = answer_q1.set_index('pupil_id').loc[answer_q2.index, 'eal']\n"
        "answer_q4 = pd.Series({group: flag[absent & (eal == group)].mean() for group in (False, True)})",
        # a crosstab of the absent pupils, normalised by row
        "eal = answer_q1.set_index('pupil_id')['eal'].reindex(answer_q2.index)\n"
        "answer_q4 = pd.crosstab(eal[absent], flag[absent], normalize='index')[True]",
    ],
    "q5": [
        "answer_q5 = answer_q1.groupby(['persistently_absent', 'eal'])['incidents_recorded'].mean().loc[True]",
        "answer_q5 = answer_q1.pivot_table(index='eal', columns='persistently_absent', values='incidents_recorded',\n"
        "                                  aggfunc='mean')[True]",
        "answer_q5 = answer_q1.query('persistently_absent').groupby('eal').agg({'incidents_recorded': 'mean'})",
    ],
    "q6": [
        # the test pupils' rows, the rule as nsmallest on the table
        "test_pupils = answer_q1.set_index('pupil_id').loc[answer_q2.index]\n"
        "rule = test_pupils.nsmallest(round(0.1 * len(test_pupils)), 'prior_attendance_pct')\n"
        "hits = rule['persistently_absent'].sum()\n"
        "answer_q6 = {'precision': hits / len(rule), 'recall': hits / test_pupils['persistently_absent'].sum()}",
        # sklearn's metrics on a rank, ties broken by order
        "from sklearn.metrics import precision_score, recall_score\n"
        "prior = pupils.set_index('pupil_id').loc[answer_q2.index, 'prior_attendance_pct']\n"
        "visit = prior.rank(method='first') <= len(prior) // 10\n"
        "truth = answer_q1.set_index('pupil_id').loc[answer_q2.index, 'persistently_absent']\n"
        "answer_q6 = {'precision': float(precision_score(truth, visit)), 'recall': float(recall_score(truth, visit))}",
        # sorted smallest first with the pupils tied on the line in another order, kept in a DataFrame
        "t = pd.DataFrame({'prior': pupils.set_index('pupil_id')['prior_attendance_pct'], 'absent': absent}).dropna()\n"
        "t = t.sort_values(['prior', 'absent'])\n"
        "top = t.head(round(len(t) / 10))\n"
        "answer_q6 = dict(precision=top['absent'].mean(), recall=top['absent'].sum() / t['absent'].sum())",
        # the lowest tenth as everyone at or below the 10th percentile (pupils tied on the line all visited)
        "prior = pupils.set_index('pupil_id')['prior_attendance_pct'].reindex(answer_q2.index)\n"
        "visit = prior <= prior.quantile(0.1)\n"
        "answer_q6 = {'precision': (visit & absent).mean() / visit.mean(),\n"
        "             'recall': (visit & absent).sum() / absent.sum()}",
    ],
    "q7": [
        # a decision tree that may also use eal, its pupils as a list
        "from sklearn.tree import DecisionTreeClassifier\n"
        "cols = features + ['eal']\n"
        "tree = DecisionTreeClassifier(max_depth=4, random_state=0)\n"
        "tree.fit(answer_q1[cols], answer_q1['persistently_absent'])\n"
        "risk = pd.Series(tree.predict_proba(unseen_pupils[cols])[:, 1], index=unseen_pupils['pupil_id'])\n"
        "answer_q7 = risk.sort_values(ascending=False).index[:len(unseen_pupils) // 10].tolist()",
        # a rule of their own: low attendance last year and recorded incidents, the rows of the table
        "score = (100 - unseen_pupils['prior_attendance_pct']) + 2 * unseen_pupils['incidents_recorded']\n"
        "answer_q7 = unseen_pupils.assign(score=score).nlargest(round(0.1 * len(unseen_pupils)), 'score')",
        # two columns, the choice as True/False labelled by pupil
        "two = ['prior_attendance_pct', 'incidents_recorded']\n"
        "m = LogisticRegression(max_iter=1000).fit(answer_q1[two], answer_q1['persistently_absent'])\n"
        "risk = pd.Series(m.predict_proba(unseen_pupils[two])[:, 1], index=unseen_pupils['pupil_id'])\n"
        "answer_q7 = risk.rank(ascending=False, method='first') <= round(0.1 * len(risk))",
        # the stated model, its risks for the chosen pupils
        "m = LogisticRegression(max_iter=1000).fit(answer_q1[features], answer_q1['persistently_absent'])\n"
        "risk = pd.Series(m.predict_proba(unseen_pupils[features])[:, 1], index=unseen_pupils['pupil_id'])\n"
        "answer_q7 = risk.nlargest(300)",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        # averaged the three terms' rates, though terms differ in length
        "rate = (attendance['attended_sessions'] / attendance['possible_sessions']).groupby(attendance['pupil_id'])"
        ".mean()\n"
        "answer_q1 = pupils.merge((rate <= 0.9).rename('persistently_absent'), left_on='pupil_id', right_index=True)",
        # labelled each term and merged: one row per pupil per term
        "terms = attendance.assign(persistently_absent=attendance['attended_sessions']\n"
        "                          / attendance['possible_sessions'] <= 0.9)\n"
        "answer_q1 = pupils.merge(terms[['pupil_id', 'persistently_absent']], on='pupil_id')",
        # counted only unauthorised absences
        "year = attendance.groupby('pupil_id')[['unauthorised_absences', 'possible_sessions']].sum()\n"
        "absent = (year['unauthorised_absences'] / year['possible_sessions'] > 0.1).rename('persistently_absent')\n"
        "answer_q1 = pupils.merge(absent, left_on='pupil_id', right_index=True)",
        # fewer than 90%: the pupils who attended exactly 90% (351 of 390) missed one session in ten, and count
        "totals = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum()\n"
        "absent = (totals['attended_sessions'] / totals['possible_sessions'] < 0.9).rename('persistently_absent')\n"
        "answer_q1 = pupils.merge(absent, left_on='pupil_id', right_index=True)",
        # a share compared with a percentage: everyone is below 90
        "totals = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum()\n"
        "absent = (totals['attended_sessions'] / totals['possible_sessions'] < 90).rename('persistently_absent')\n"
        "answer_q1 = pupils.merge(absent, left_on='pupil_id', right_index=True)",
    ],
    "q2": [
        # yes/no predictions, not the probability
        "train, test = train_test_split(answer_q1, test_size=0.3, random_state=0)\n"
        "model = LogisticRegression(max_iter=1000).fit(train[features], train['persistently_absent'])\n"
        "answer_q2 = pd.Series(model.predict(test[features]), index=test['pupil_id'])",
        # trained on every pupil, test pupils included
        "train, test = train_test_split(answer_q1, test_size=0.3, random_state=0)\n"
        "model = LogisticRegression(max_iter=1000).fit(answer_q1[features], answer_q1['persistently_absent'])\n"
        "answer_q2 = pd.Series(model.predict_proba(test[features])[:, 1], index=test['pupil_id'])",
        # the probability of the other class
        "train, test = train_test_split(answer_q1, test_size=0.3, random_state=0)\n"
        "model = LogisticRegression(max_iter=1000).fit(train[features], train['persistently_absent'])\n"
        "answer_q2 = pd.Series(model.predict_proba(test[features])[:, 0], index=test['pupil_id'])",
        # labelled by row number, not pupil_id
        "train, test = train_test_split(answer_q1, test_size=0.3, random_state=0)\n"
        "model = LogisticRegression(max_iter=1000).fit(train[features], train['persistently_absent'])\n"
        "answer_q2 = pd.Series(model.predict_proba(test[features])[:, 1], index=test.index)",
    ],
    "q3": [
        # flagged everyone with a risk of 0.5 or more, not the team's 10%
        "flag = answer_q2 >= 0.5\n"
        "absent = answer_q1.set_index('pupil_id')['persistently_absent'].reindex(answer_q2.index)\n"
        "answer_q3 = {'precision': (flag & absent).sum() / flag.sum(), 'recall': (flag & absent).sum() / absent.sum()}",
        # precision and recall swapped
        "flag = answer_q2.rank(ascending=False, method='first') <= round(0.1 * len(answer_q2))\n"
        "absent = answer_q1.set_index('pupil_id')['persistently_absent'].reindex(answer_q2.index)\n"
        "answer_q3 = {'precision': (flag & absent).sum() / absent.sum(), 'recall': (flag & absent).sum() / flag.sum()}",
        # recall over every pupil's absence, not only the test pupils'
        "flag = answer_q2.rank(ascending=False, method='first') <= round(0.1 * len(answer_q2))\n"
        "truth = answer_q1.set_index('pupil_id')['persistently_absent']\n"
        "hits = truth.loc[flag[flag].index].sum()\n"
        "answer_q3 = {'precision': hits / flag.sum(), 'recall': hits / truth.sum()}",
        # 10% of all pupils, not of the test pupils
        "flag = answer_q2.rank(ascending=False, method='first') <= round(0.1 * len(answer_q1))\n"
        "absent = answer_q1.set_index('pupil_id')['persistently_absent'].reindex(answer_q2.index)\n"
        "answer_q3 = {'precision': (flag & absent).sum() / flag.sum(), 'recall': (flag & absent).sum() / absent.sum()}",
    ],
    "q4": [
        # precision in each group
        "eal = answer_q1.set_index('pupil_id')['eal'].reindex(answer_q2.index)\n"
        "answer_q4 = (flag & absent).groupby(eal).sum() / flag.groupby(eal).sum()",
        # the share of each group flagged, whatever their outcome
        "eal = answer_q1.set_index('pupil_id')['eal'].reindex(answer_q2.index)\n"
        "answer_q4 = flag.groupby(eal).mean()",
        # counts of absent pupils found, not shares
        "eal = answer_q1.set_index('pupil_id')['eal'].reindex(answer_q2.index)\n"
        "answer_q4 = (flag & absent).groupby(eal).sum()",
    ],
    "q5": [
        "answer_q5 = answer_q1.groupby('eal')['incidents_recorded'].mean()",
        # the pupils who were not persistently absent
        "answer_q5 = answer_q1[~answer_q1['persistently_absent']].groupby('eal')['incidents_recorded'].mean()",
        # only the test pupils
        "answer_q5 = test[test['persistently_absent']].groupby('eal')['incidents_recorded'].mean()",
        # the median
        "answer_q5 = answer_q1[answer_q1['persistently_absent']].groupby('eal')['incidents_recorded'].median()",
    ],
    "q6": [
        # the pupils with the highest attendance last year
        "prior = pupils.set_index('pupil_id')['prior_attendance_pct'].reindex(answer_q2.index)\n"
        "rule = prior.index.isin(prior.nlargest(round(0.1 * len(prior))).index)\n"
        "answer_q6 = {'precision': (rule & absent).sum() / rule.sum(), 'recall': (rule & absent).sum() / absent.sum()}",
        # everyone at 90% or less last year, more than the team can visit
        "prior = pupils.set_index('pupil_id')['prior_attendance_pct'].reindex(answer_q2.index)\n"
        "rule = prior <= 90\n"
        "answer_q6 = {'precision': (rule & absent).sum() / rule.sum(), 'recall': (rule & absent).sum() / absent.sum()}",
        # the rule over every pupil, not the test pupils the model was measured on
        "rule = answer_q1.nsmallest(round(0.1 * len(answer_q1)), 'prior_attendance_pct')\n"
        "hits = rule['persistently_absent'].sum()\n"
        "answer_q6 = {'precision': hits / len(rule), 'recall': hits / answer_q1['persistently_absent'].sum()}",
        # precision and recall swapped
        "prior = pupils.set_index('pupil_id')['prior_attendance_pct'].reindex(answer_q2.index)\n"
        "rule = prior.index.isin(prior.nsmallest(round(0.1 * len(prior))).index)\n"
        "answer_q6 = {'precision': (rule & absent).sum() / absent.sum(), 'recall': (rule & absent).sum() / rule.sum()}",
    ],
    "q7": [
        # the current rule itself: it cannot beat itself
        "rule = unseen_pupils.nsmallest(round(0.1 * len(unseen_pupils)), 'prior_attendance_pct')\n"
        "answer_q7 = list(rule['pupil_id'])",
        # the pupils the model thinks LEAST at risk
        "m = LogisticRegression(max_iter=1000).fit(answer_q1[features], answer_q1['persistently_absent'])\n"
        "risk = pd.Series(m.predict_proba(unseen_pupils[features])[:, 1], index=unseen_pupils['pupil_id'])\n"
        "answer_q7 = list(risk.nsmallest(round(0.1 * len(risk))).index)",
        # everyone over a risk of 0.5, not one in ten
        "m = LogisticRegression(max_iter=1000).fit(answer_q1[features], answer_q1['persistently_absent'])\n"
        "risk = pd.Series(m.predict_proba(unseen_pupils[features])[:, 1], index=unseen_pupils['pupil_id'])\n"
        "answer_q7 = list(risk[risk >= 0.5].index)",
        # the labelled pupils' highest risks, not the unseen pupils'
        "answer_q7 = list(answer_q2.nlargest(round(0.1 * len(unseen_pupils))).index)",
        # a random tenth
        "answer_q7 = unseen_pupils['pupil_id'].sample(frac=0.1, random_state=0)",
    ],
}

#: The exercises whose first WRONG entry generated submissions use: only question 5's, since the
#: others feed later questions.
SUBMISSION_MISTAKES = ("q5",)
