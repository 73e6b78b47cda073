"""Right and wrong answers to c07's questions, which `academy validate` judges (right ones summarise and label
quarters other ways; wrong ones average, drop the year, or count every quarter)."""

RIGHT = {
    "q1": [
        # the months grouped by the sex column directly
        "answer_q1 = claimants['months_claiming'].groupby(claimants['sex']).median()",
        # a pivot table with the median
        "answer_q1 = claimants.pivot_table(index='sex', values='months_claiming', aggfunc='median')",
        # the 50% quantile is the median; a one-column table
        "answer_q1 = claimants.groupby('sex')[['months_claiming']].quantile(0.5)",
        # each sex filtered in turn, in a Series built by hand
        "answer_q1 = pd.Series({s: claimants.loc[claimants['sex'] == s, 'months_claiming'].median()\n"
        "                       for s in ['Female', 'Male']})",
    ],
    "q2": [
        # the year and the quarter number as two labels
        "start = (EXTRACT - claimants['months_claiming']).astype('period[M]')\n"
        "recent = start[(start >= pd.Period('2023-04', freq='M')) & (start <= pd.Period('2025-03', freq='M'))]\n"
        "answer_q2 = recent.groupby([recent.dt.year, recent.dt.quarter]).size()",
        # start dates as timestamps, counted per quarter with resample
        "start = (EXTRACT - claimants['months_claiming']).astype('period[M]').dt.to_timestamp()\n"
        "recent = claimants.assign(start=start).query(\"start >= '2023-04-01'\")\n"
        "answer_q2 = recent.resample('QS', on='start').size()",
        # labels written as text, Q1 2024 style, filtered on months_claiming (23 months back is April 2023)
        "recent = claimants[claimants['months_claiming'] <= 23]\n"
        "start = (EXTRACT - recent['months_claiming']).astype('period[M]')\n"
        "quarters = 'Q' + start.dt.quarter.astype(str) + ' ' + start.dt.year.astype(str)\n"
        "answer_q2 = quarters.value_counts()",
    ],
}

WRONG = {
    "q1": [
        # the mean: pulled up by the few very long claims
        "answer_q1 = claimants.groupby('sex')['months_claiming'].mean()",
        # one median for everyone
        "answer_q1 = claimants['months_claiming'].median()",
        # the number of claimants of each sex
        "answer_q1 = claimants.groupby('sex')['months_claiming'].count()",
    ],
    "q2": [
        # quarter numbers without their year
        "start = (EXTRACT - claimants['months_claiming']).astype('period[M]')\n"
        "recent = start[start >= pd.Period('2023-04', freq='M')]\n"
        "answer_q2 = recent.dt.quarter.value_counts().sort_index()",
        # every quarter since the oldest claim, not just the last two years
        "start = (EXTRACT - claimants['months_claiming']).astype('period[M]')\n"
        "answer_q2 = start.dt.asfreq('Q').value_counts().sort_index()",
        # per month, not per quarter
        "start = (EXTRACT - claimants['months_claiming']).astype('period[M]')\n"
        "answer_q2 = start[start >= pd.Period('2023-04', freq='M')].value_counts().sort_index()",
        # counted back from April 2025, not March: every claim starts a month late
        "start = (pd.Period('2025-04', freq='M') - claimants['months_claiming']).astype('period[M]')\n"
        "recent = start[(start >= pd.Period('2023-04', freq='M')) & (start <= EXTRACT)]\n"
        "answer_q2 = recent.dt.asfreq('Q').value_counts().sort_index()",
    ],
}
