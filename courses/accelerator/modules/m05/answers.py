"""Right and wrong answers to m05's questions, which `academy validate` judges (right ones differ in how the
groups are compared and laid out, wrong ones in what is compared: end points, one group, spreads, directions, or a
target judged on the point estimate instead of the interval)."""

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
        # Welch's t-test interval from scipy for each outcome (t rather than 1.96, nearly the same with this many
        # families), built from a list of rows
        "from scipy.stats import ttest_ind\n"
        "table = []\n"
        "for name, g in merged.groupby('outcome'):\n"
        "    result = ttest_ind(g.loc[g['joined'], 'change'], g.loc[~g['joined'], 'change'], equal_var=False)\n"
        "    low, high = result.confidence_interval(0.95)\n"
        "    table.append({'outcome': name, 'low': low, 'high': high})\n"
        "answer_q3 = pd.DataFrame(table).set_index('outcome')",
        # means and standard errors with .agg(['mean', 'sem']), the columns in the other order
        "stats = merged.groupby(['outcome', 'joined'])['change'].agg(['mean', 'sem']).unstack()\n"
        "estimate = stats['mean'][True] - stats['mean'][False]\n"
        "se = (stats['sem'][True] ** 2 + stats['sem'][False] ** 2) ** 0.5\n"
        "answer_q3 = pd.DataFrame({'high': estimate + 1.96 * se, 'low': estimate - 1.96 * se})",
        # a dict of (low, high) pairs around question 2's estimates, numpy's population standard deviation
        "import numpy as np\n"
        "answer_q3 = {}\n"
        "for name, g in merged.groupby('outcome'):\n"
        "    j = g.loc[g['joined'], 'change'].to_numpy()\n"
        "    o = g.loc[~g['joined'], 'change'].to_numpy()\n"
        "    se = np.sqrt(np.std(j) ** 2 / j.size + np.std(o) ** 2 / o.size)\n"
        "    answer_q3[name] = (answer_q2[name] - 1.96 * se, answer_q2[name] + 1.96 * se)",
        # a straight line of change on joined (0/1) per outcome with scipy's linregress: the slope is the
        # difference in differences, and its standard error pools the two groups' spreads (within 3% here)
        "from scipy.stats import linregress\n"
        "rows = {}\n"
        "for name, g in merged.groupby('outcome'):\n"
        "    fit = linregress(g['joined'].astype(float), g['change'])\n"
        "    rows[name] = [fit.slope - 1.96 * fit.stderr, fit.slope + 1.96 * fit.stderr]\n"
        "answer_q3 = pd.DataFrame(rows, index=['low', 'high']).T",
        # a spreadsheet-shaped table: the outcomes in a column of their own, not the index
        "table = []\n"
        "for name, g in merged.groupby('outcome'):\n"
        "    j, o = g.loc[g['joined'], 'change'], g.loc[~g['joined'], 'change']\n"
        "    se = (j.sem() ** 2 + o.sem() ** 2) ** 0.5\n"
        "    table.append([name, j.mean() - o.mean() - 1.96 * se, j.mean() - o.mean() + 1.96 * se])\n"
        "answer_q3 = pd.DataFrame(table, columns=['outcome', 'low', 'high'])",
        # the exact normal quantile from scipy, columns named Low and High
        "from scipy.stats import norm\n"
        "z = norm.ppf(0.975)\n"
        "spread = merged.groupby(['outcome', 'joined'])['change'].agg(['var', 'count']).unstack()\n"
        "se = (spread['var'][True] / spread['count'][True] + spread['var'][False] / spread['count'][False]) ** 0.5\n"
        "answer_q3 = pd.DataFrame({'Low': answer_q2 - z * se, 'High': answer_q2 + z * se})",
    ],
    "q4": [
        # vectorised with np.select: a reduce target flipped so that every target is 'at or above'
        "import numpy as np\n"
        "t = objectives.set_index('outcome')['target_change'].reindex(answer_q3.index)\n"
        "low = answer_q3['low'].where(t > 0, -answer_q3['high'])\n"
        "high = answer_q3['high'].where(t > 0, -answer_q3['low'])\n"
        "answer_q4 = pd.Series(np.select([low >= t.abs(), high < t.abs()], ['met', 'not met'], 'cannot tell'),\n"
        "                      index=answer_q3.index)",
        # a loop over the objectives' rows into a dict, the verdicts written with capitals
        "verdicts = {}\n"
        "for row in objectives.itertuples():\n"
        "    low, high = answer_q3.loc[row.outcome, 'low'], answer_q3.loc[row.outcome, 'high']\n"
        "    if row.target_change > 0:\n"
        "        met, missed = low >= row.target_change, high < row.target_change\n"
        "    else:\n"
        "        met, missed = high <= row.target_change, low > row.target_change\n"
        "    verdicts[row.outcome] = 'Met' if met else ('Not met' if missed else 'Cannot tell')\n"
        "answer_q4 = verdicts",
        # the targets merged onto the intervals, a function applied to each row
        "def judge(row):\n"
        "    if row['target_change'] < 0:\n"
        "        if row['high'] <= row['target_change']:\n"
        "            return 'met'\n"
        "        return 'not met' if row['low'] > row['target_change'] else 'cannot tell'\n"
        "    if row['low'] >= row['target_change']:\n"
        "        return 'met'\n"
        "    return 'not met' if row['high'] < row['target_change'] else 'cannot tell'\n"
        "table = objectives.merge(answer_q3, left_on='outcome', right_index=True)\n"
        "answer_q4 = table.set_index('outcome').apply(judge, axis=1)",
        # the same, kept as a two-column table of outcome and verdict
        "def judge(row):\n"
        "    t = row['target_change']\n"
        "    low, high = (row['low'], row['high']) if t > 0 else (-row['high'], -row['low'])\n"
        "    return 'met' if low >= abs(t) else ('not met' if high < abs(t) else 'cannot tell')\n"
        "table = objectives.merge(answer_q3, left_on='outcome', right_index=True)\n"
        "table['verdict'] = table.apply(judge, axis=1)\n"
        "answer_q4 = table[['outcome', 'verdict']]",
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
    "q6": [
        # the gap in `before` minus the gap in `earlier`, from the group means
        "means = merged.groupby(['outcome', 'joined'])[['earlier', 'before']].mean().unstack()\n"
        "answer_q6 = ((means['before'][True] - means['before'][False])\n"
        "             - (means['earlier'][True] - means['earlier'][False]))",
        # a pivot table of the pre-programme change, made with assign, without touching merged
        "pre = (merged.assign(pre=merged['before'] - merged['earlier'])\n"
        "       .pivot_table(index='outcome', columns='joined', values='pre', aggfunc='mean'))\n"
        "answer_q6 = pre[True] - pre[False]",
        # a loop over the outcomes into a dict
        "gaps = {}\n"
        "for name, g in merged.groupby('outcome'):\n"
        "    pre = g['before'] - g['earlier']\n"
        "    gaps[name] = pre[g['joined']].mean() - pre[~g['joined']].mean()\n"
        "answer_q6 = pd.Series(gaps)",
    ],
    "q7": [
        # scipy's Welch t-test p-value below 0.05, the outcomes kept in a list comprehension
        "from scipy.stats import ttest_ind\n"
        "answer_q7 = [name for name, g in merged.groupby('outcome')\n"
        "             if ttest_ind(g.loc[g['joined'], 'pre_change'], g.loc[~g['joined'], 'pre_change'],\n"
        "                          equal_var=False).pvalue < 0.05]",
        # the pre-programme gap more than 1.96 standard errors from zero, vectorised, as a tuple
        "stats = merged.groupby(['outcome', 'joined'])['pre_change'].agg(['mean', 'sem']).unstack()\n"
        "gap = stats['mean'][True] - stats['mean'][False]\n"
        "se = (stats['sem'][True] ** 2 + stats['sem'][False] ** 2) ** 0.5\n"
        "answer_q7 = tuple(gap[(gap / se).abs() > 1.96].index)",
        # True/False per outcome instead of a list: True where the pre-programme interval leaves out zero
        "pre = merged.groupby(['outcome', 'joined'])['pre_change'].agg(['mean', 'var', 'count']).unstack()\n"
        "gap = pre['mean'][True] - pre['mean'][False]\n"
        "se = (pre['var'][True] / pre['count'][True] + pre['var'][False] / pre['count'][False]) ** 0.5\n"
        "answer_q7 = (gap - 1.96 * se > 0) | (gap + 1.96 * se < 0)",
        # only the outcome whose gap is far from zero, named by hand after looking at the intervals
        "answer_q7 = ['asb_incidents']",
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
        "rows = {}\n"
        "for name, g in merged.groupby('outcome'):\n"
        "    j, o = g.loc[g['joined'], 'change'], g.loc[~g['joined'], 'change']\n"
        "    estimate = j.mean() - o.mean()\n"
        "    rows[name] = {'low': estimate - 1.96 * j.std(), 'high': estimate + 1.96 * j.std()}\n"
        "answer_q3 = pd.DataFrame(rows).T",
        # the two standard errors added together instead of combined as a square root of squares
        "stats = merged.groupby(['outcome', 'joined'])['change'].agg(['mean', 'sem']).unstack()\n"
        "estimate = stats['mean'][True] - stats['mean'][False]\n"
        "se = stats['sem'][True] + stats['sem'][False]\n"
        "answer_q3 = pd.DataFrame({'low': estimate - 1.96 * se, 'high': estimate + 1.96 * se})",
        # only the joined families' standard error
        "stats = merged.groupby(['outcome', 'joined'])['change'].agg(['mean', 'sem']).unstack()\n"
        "estimate = stats['mean'][True] - stats['mean'][False]\n"
        "answer_q3 = pd.DataFrame({'low': estimate - 1.96 * stats['sem'][True],\n"
        "                          'high': estimate + 1.96 * stats['sem'][True]})",
        # the worked example's interval for the joined families' own change, not for the difference
        "answer_q3 = joined_change[['low', 'high']]",
        # school attendance only, as a pair
        "g = merged[merged['outcome'] == 'school_attendance_pct']\n"
        "j, o = g.loc[g['joined'], 'change'], g.loc[~g['joined'], 'change']\n"
        "se = (j.sem() ** 2 + o.sem() ** 2) ** 0.5\n"
        "answer_q3 = (j.mean() - o.mean() - 1.96 * se, j.mean() - o.mean() + 1.96 * se)",
    ],
    "q4": [
        # judged on the point estimate of question 2, not on the interval
        "target = objectives.set_index('outcome')['target_change']\n"
        "answer_q4 = pd.Series({name: ('met' if (answer_q2[name] >= t if t > 0 else answer_q2[name] <= t)\n"
        "                              else 'not met') for name, t in target.items()})",
        # every target read as 'at or above', the reduce targets included
        "target = objectives.set_index('outcome')['target_change']\n"
        "answer_q4 = pd.Series({name: 'met' if row['low'] >= target[name] else\n"
        "                      ('not met' if row['high'] < target[name] else 'cannot tell')\n"
        "                      for name, row in answer_q3.iterrows()})",
        # 'met' when the interval leaves out zero on the right side, whatever the target
        "target = objectives.set_index('outcome')['target_change']\n"
        "answer_q4 = pd.Series({name: 'met' if (row['low'] > 0 if target[name] > 0 else row['high'] < 0)\n"
        "                      else 'not met' for name, row in answer_q3.iterrows()})",
        # True/False instead of the three verdicts
        "target = objectives.set_index('outcome')['target_change'].reindex(answer_q2.index)\n"
        "answer_q4 = (answer_q2 <= target).where(target < 0, answer_q2 >= target)",
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
    "q6": [
        # the change during the programme (question 2 again), not the year before it
        "pre = merged.groupby(['outcome', 'joined'])['change'].mean().unstack()\n"
        "answer_q6 = pre[True] - pre[False]",
        # the gap in the earlier values, not in the change
        "earlier = merged.groupby(['outcome', 'joined'])['earlier'].mean().unstack()\n"
        "answer_q6 = earlier[True] - earlier[False]",
        # the change taken as earlier minus before
        "merged['pre_change'] = merged['earlier'] - merged['before']\n"
        "pre = merged.groupby(['outcome', 'joined'])['pre_change'].mean().unstack()\n"
        "answer_q6 = pre[True] - pre[False]",
    ],
    "q7": [
        # nothing named: 'the gaps are small numbers'
        "answer_q7 = []",
        # every outcome whose gap is not exactly zero
        "answer_q7 = list(answer_q6[answer_q6 != 0].index)",
        # judged on the programme-period intervals of question 3 instead of the pre-programme gap
        "answer_q7 = list(answer_q3[(answer_q3['low'] > 0) | (answer_q3['high'] < 0)].index)",
    ],
}

#: The exercises whose first WRONG entry generated submissions use (the old TYPICAL_MISTAKES): questions 2 and 3
#: are left out, since the questions after them build on their answers.
SUBMISSION_MISTAKES = ("q1", "q5", "q6")
