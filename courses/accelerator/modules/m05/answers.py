"""Right and wrong answers to m05's questions, which `academy validate` judges (right ones differ in how the
groups are compared and laid out, wrong ones in what is compared: end points, one group, spreads or directions)."""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, rounding the question allows...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # a pivot table instead of groupby and unstack
        "merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "after = merged.pivot_table(index='outcome', columns='joined', values='after', aggfunc='mean')\n"
        "answer_q1 = after[True] - after[False]",
        # joined looked up with map, then the two groups filtered separately
        "merged = outcomes.assign(joined=outcomes['family_id'].map(families.set_index('family_id')['joined']))\n"
        "in_programme = merged[merged['joined']].groupby('outcome')['after'].mean()\n"
        "not_in = merged[~merged['joined']].groupby('outcome')['after'].mean()\n"
        "answer_q1 = in_programme - not_in",
        # join on the family index and a loop over the outcomes, into a Series from a dict
        "merged = outcomes.join(families.set_index('family_id')['joined'], on='family_id')\n"
        "gaps = {}\n"
        "for name, rows in merged.groupby('outcome'):\n"
        "    gaps[name] = rows.loc[rows['joined'], 'after'].mean() - rows.loc[~rows['joined'], 'after'].mean()\n"
        "answer_q1 = pd.Series(gaps)",
    ],
    "q2": [
        # the gap after minus the gap before, from the group means of both columns
        "means = merged.groupby(['outcome', 'joined'])[['before', 'after']].mean().unstack()\n"
        "answer_q2 = ((means['after'][True] - means['after'][False])\n"
        "             - (means['before'][True] - means['before'][False]))",
        # question 1's answer minus the same gap before the programme
        "before = merged.groupby(['outcome', 'joined'])['before'].mean().unstack()\n"
        "answer_q2 = answer_q1 - (before[True] - before[False])",
        # the change made without touching merged, in a pivot table, with the outcomes sorted
        "change = (merged.assign(change=merged['after'] - merged['before'])\n"
        "          .pivot_table(index='outcome', columns='joined', values='change', aggfunc='mean'))\n"
        "answer_q2 = (change[True] - change[False]).sort_index()",
        # the slope of a straight line of change on joined (0/1), one per outcome
        "import numpy as np\n"
        "merged['change'] = merged['after'] - merged['before']\n"
        "answer_q2 = merged.groupby('outcome').apply(\n"
        "    lambda rows: np.polyfit(rows['joined'].astype(float), rows['change'], 1)[0])",
    ],
    "q3": [
        # standard errors with .sem(), exact normal quantile from scipy, a list
        "from scipy.stats import norm\n"
        "school = merged[merged['outcome'] == 'school_attendance_pct']\n"
        "j, o = school.loc[school['joined'], 'change'], school.loc[~school['joined'], 'change']\n"
        "se = (j.sem() ** 2 + o.sem() ** 2) ** 0.5\n"
        "z = norm.ppf(0.975)\n"
        "answer_q3 = [answer_q2['school_attendance_pct'] - z * se, answer_q2['school_attendance_pct'] + z * se]",
        # Welch's t-test interval from scipy (t rather than 1.96, nearly the same with this many families)
        "from scipy.stats import ttest_ind\n"
        "school = merged.query(\"outcome == 'school_attendance_pct'\")\n"
        "result = ttest_ind(school.loc[school['joined'], 'change'], school.loc[~school['joined'], 'change'],\n"
        "                   equal_var=False)\n"
        "answer_q3 = tuple(result.confidence_interval(0.95))",
        # numpy's population standard deviation, rounded to 2 decimals for the report
        "import numpy as np\n"
        "school = merged[merged['outcome'] == 'school_attendance_pct']\n"
        "j = school.loc[school['joined'], 'change'].to_numpy()\n"
        "o = school.loc[~school['joined'], 'change'].to_numpy()\n"
        "se = np.sqrt(np.std(j) ** 2 / j.size + np.std(o) ** 2 / o.size)\n"
        "estimate = j.mean() - o.mean()\n"
        "answer_q3 = (round(estimate - 1.96 * se, 2), round(estimate + 1.96 * se, 2))",
    ],
    "q4": [
        # targets merged onto the effects, np.where picks the direction, outcome as the index
        "import numpy as np\n"
        "table = objectives.merge(answer_q2.rename('effect'), left_on='outcome', right_index=True)\n"
        "table['met'] = np.where(table['target_change'] < 0, table['effect'] <= table['target_change'],\n"
        "                        table['effect'] >= table['target_change'])\n"
        "answer_q4 = table.set_index('outcome')['met']",
        # a loop over the objectives' rows, into a Series from a dict
        "verdicts = {}\n"
        "for row in objectives.itertuples():\n"
        "    effect = answer_q2[row.outcome]\n"
        "    if row.target_change < 0:\n"
        "        verdicts[row.outcome] = effect <= row.target_change\n"
        "    else:\n"
        "        verdicts[row.outcome] = effect >= row.target_change\n"
        "answer_q4 = pd.Series(verdicts)",
        # flip the sign of the reduce targets so that every target is 'at or above'
        "import numpy as np\n"
        "target = objectives.set_index('outcome')['target_change'].reindex(answer_q2.index)\n"
        "answer_q4 = answer_q2 * np.sign(target) >= target.abs()",
    ],
    "q5": [
        # a pivot table of the change, made with assign
        "def did(outcomes, families):\n"
        "    data = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "    data = data.assign(change=data['after'] - data['before'])\n"
        "    change = data.pivot_table(index='outcome', columns='joined', values='change', aggfunc='mean')\n"
        "    return change[True] - change[False]",
        # joined looked up with map, the two groups filtered separately
        "def did(outcomes, families):\n"
        "    joined = outcomes['family_id'].map(families.set_index('family_id')['joined'])\n"
        "    change = outcomes['after'] - outcomes['before']\n"
        "    return (change[joined].groupby(outcomes['outcome']).mean()\n"
        "            - change[~joined].groupby(outcomes['outcome']).mean())",
        # after gap minus before gap, from the group means
        "def did(outcomes, families):\n"
        "    merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "    means = merged.groupby(['joined', 'outcome'])[['before', 'after']].mean()\n"
        "    gap = means.loc[True] - means.loc[False]\n"
        "    return gap['after'] - gap['before']",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        # the gap before the programme, not after it
        "merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "before = merged.groupby(['outcome', 'joined'])['before'].mean().unstack()\n"
        "answer_q1 = before[True] - before[False]",
        # the subtraction the wrong way round: not joined minus joined
        "merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "after = merged.groupby(['outcome', 'joined'])['after'].mean().unstack()\n"
        "answer_q1 = after[False] - after[True]",
        # joined families compared with everyone, themselves included
        "merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "answer_q1 = (merged[merged['joined']].groupby('outcome')['after'].mean()\n"
        "             - merged.groupby('outcome')['after'].mean())",
        # medians instead of means
        "merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "after = merged.groupby(['outcome', 'joined'])['after'].median().unstack()\n"
        "answer_q1 = after[True] - after[False]",
    ],
    "q2": [
        # only the joined families' change: as if nothing else had changed for anyone
        "merged['change'] = merged['after'] - merged['before']\n"
        "answer_q2 = merged[merged['joined']].groupby('outcome')['change'].mean()",
        # the change taken as before minus after
        "merged['change'] = merged['before'] - merged['after']\n"
        "change = merged.groupby(['outcome', 'joined'])['change'].mean().unstack()\n"
        "answer_q2 = change[True] - change[False]",
        # joined families' change minus everyone's change
        "merged['change'] = merged['after'] - merged['before']\n"
        "answer_q2 = (merged[merged['joined']].groupby('outcome')['change'].mean()\n"
        "             - merged.groupby('outcome')['change'].mean())",
    ],
    "q3": [
        # the joined families' standard deviation used as the standard error
        "merged['change'] = merged['after'] - merged['before']\n"
        "school = merged[merged['outcome'] == 'school_attendance_pct']\n"
        "j, o = school.loc[school['joined'], 'change'], school.loc[~school['joined'], 'change']\n"
        "estimate = j.mean() - o.mean()\n"
        "answer_q3 = (estimate - 1.96 * j.std(), estimate + 1.96 * j.std())",
        # the two standard errors added together instead of combined as a square root of squares
        "school = merged[merged['outcome'] == 'school_attendance_pct']\n"
        "j, o = school.loc[school['joined'], 'change'], school.loc[~school['joined'], 'change']\n"
        "se = j.sem() + o.sem()\n"
        "estimate = j.mean() - o.mean()\n"
        "answer_q3 = (estimate - 1.96 * se, estimate + 1.96 * se)",
        # only the joined families' standard error
        "school = merged[merged['outcome'] == 'school_attendance_pct']\n"
        "j, o = school.loc[school['joined'], 'change'], school.loc[~school['joined'], 'change']\n"
        "estimate = j.mean() - o.mean()\n"
        "answer_q3 = (estimate - 1.96 * j.sem(), estimate + 1.96 * j.sem())",
        # an interval for the joined families' mean change, not for the difference
        "school = merged[merged['outcome'] == 'school_attendance_pct']\n"
        "j = school.loc[school['joined'], 'change']\n"
        "answer_q3 = (j.mean() - 1.96 * j.sem(), j.mean() + 1.96 * j.sem())",
    ],
    "q4": [
        # every target read as 'at or above', the reduce targets included
        "target = objectives.set_index('outcome')['target_change'].reindex(answer_q2.index)\n"
        "answer_q4 = answer_q2 >= target",
        # judged on the naive comparison of question 1
        "target = objectives.set_index('outcome')['target_change'].reindex(answer_q1.index)\n"
        "answer_q4 = (answer_q1 <= target).where(target < 0, answer_q1 >= target)",
        # 'met' when the effect went the right way, whatever its size
        "import numpy as np\n"
        "target = objectives.set_index('outcome')['target_change'].reindex(answer_q2.index)\n"
        "answer_q4 = np.sign(answer_q2) == np.sign(target)",
    ],
    "q5": [
        # the joined families' mean after the programme: no change, no comparison group
        "def did(outcomes, families):\n"
        "    merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "    return merged[merged['joined']].groupby('outcome')['after'].mean()",
        # the question 1 comparison of end points, not of changes
        "def did(outcomes, families):\n"
        "    merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "    after = merged.groupby(['outcome', 'joined'])['after'].mean().unstack()\n"
        "    return after[True] - after[False]",
        # printed the answer instead of returning it
        "def did(outcomes, families):\n"
        "    merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "    merged['change'] = merged['after'] - merged['before']\n"
        "    change = merged.groupby(['outcome', 'joined'])['change'].mean().unstack()\n"
        "    print(change[True] - change[False])",
        # stopped at the table of mean changes, one column per group
        "def did(outcomes, families):\n"
        "    merged = outcomes.merge(families[['family_id', 'joined']], on='family_id')\n"
        "    merged['change'] = merged['after'] - merged['before']\n"
        "    return merged.groupby(['outcome', 'joined'])['change'].mean().unstack()",
    ],
}

#: The exercises whose first WRONG entry generated submissions use (the old TYPICAL_MISTAKES): question 2's
#: is left out, since question 4 builds on answer_q2 and would lose marks too, by a data-dependent amount.
SUBMISSION_MISTAKES = ("q1", "q3", "q5")
