"""Right and wrong answers to c08's questions, which `academy validate` judges (right ones label, join and compare
other ways; wrong ones average term rates, miss the 90% line, flip the share or divide instead of subtract)."""

RIGHT = {
    "q1": [
        # missed sessions: 10% or more of possible ones, as a table with a pupil_id column
        "year = attendance.groupby('pupil_id', as_index=False)[['attended_sessions', 'possible_sessions']].sum()\n"
        "year['persistently_absent'] = (year['possible_sessions'] - year['attended_sessions']) \\\n"
        "    >= 0.1 * year['possible_sessions']\n"
        "answer_q1 = year[['pupil_id', 'persistently_absent']]",
        # as percentages, compared with 90
        "year = attendance.groupby('pupil_id')"
        ".agg(att=('attended_sessions', 'sum'), pos=('possible_sessions', 'sum'))\n"
        "answer_q1 = (year['att'] * 100 / year['pos']) <= 90",
        # a pivot table of the sessions, labels as 1 and 0
        "year = attendance.pivot_table(index='pupil_id', values=['attended_sessions', 'possible_sessions'],\n"
        "                              aggfunc='sum')\n"
        "answer_q1 = (year['attended_sessions'] / year['possible_sessions'] <= 0.9).astype(int)",
    ],
    "q2": [
        # a merge rather than a map, rounded with round()
        "flags = answer_q1.rename('pa').reset_index()\n"
        "both = pupils.merge(flags, on='pupil_id')\n"
        "answer_q2 = round(both.groupby('free_school_meals')['pa'].mean() * 100, 1)",
        # counted and divided by hand, labelled in words
        "labelled = pupils.assign(pa=pupils['pupil_id'].map(answer_q1))\n"
        "fsm = labelled[labelled['free_school_meals']]\n"
        "other = labelled[~labelled['free_school_meals']]\n"
        "answer_q2 = pd.Series({'FSM': round(100 * fsm['pa'].sum() / len(fsm), 1),\n"
        "                       'Not FSM': round(100 * other['pa'].sum() / len(other), 1)})",
        # a crosstab of shares within each row
        "labelled = pupils.assign(pa=pupils['pupil_id'].map(answer_q1))\n"
        "table = pd.crosstab(labelled['free_school_meals'], labelled['pa'], normalize='index') * 100\n"
        "answer_q2 = table[True].round(1)",
    ],
    "q3": [
        # from the unrounded rates, then rounded
        "labelled = pupils.assign(pa=pupils['pupil_id'].map(answer_q1))\n"
        "rates = labelled.groupby('free_school_meals')['pa'].mean() * 100\n"
        "answer_q3 = round(rates[True] - rates[False], 1)",
        # diff() of the two rates in order False, True
        "answer_q3 = float(answer_q2.diff().iloc[-1])",
        # by position: False comes first, True second
        "answer_q3 = answer_q2.iloc[1] - answer_q2.iloc[0]",
    ],
}

WRONG = {
    "q1": [
        # < rather than <=: the pupils on exactly 90% left out
        "sessions = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum()\n"
        "answer_q1 = sessions['attended_sessions'] / sessions['possible_sessions'] < 0.9",
        # the average of the three term rates
        "rates = attendance.assign(rate=attendance['attended_sessions'] / attendance['possible_sessions'])\n"
        "answer_q1 = rates.groupby('pupil_id')['rate'].mean() <= 0.9",
        # one label per term, not per pupil
        "answer_q1 = attendance['attended_sessions'] / attendance['possible_sessions'] <= 0.9",
        # only unauthorised absences counted
        "year = attendance.groupby('pupil_id')[['unauthorised_absences', 'possible_sessions']].sum()\n"
        "answer_q1 = year['unauthorised_absences'] / year['possible_sessions'] >= 0.1",
        # a share compared with 90: every pupil labelled
        "sessions = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum()\n"
        "answer_q1 = sessions['attended_sessions'] / sessions['possible_sessions'] <= 90",
    ],
    "q2": [
        # shares, not percentages
        "labelled = pupils.assign(pa=pupils['pupil_id'].map(answer_q1))\n"
        "answer_q2 = labelled.groupby('free_school_meals')['pa'].mean().round(3)",
        # the other way round: of the persistently absent pupils, the share on free school meals
        "labelled = pupils.assign(pa=pupils['pupil_id'].map(answer_q1))\n"
        "answer_q2 = (labelled[labelled['pa']]['free_school_meals'].value_counts(normalize=True) * 100).round(1)",
        # not rounded
        "labelled = pupils.assign(pa=pupils['pupil_id'].map(answer_q1))\n"
        "answer_q2 = labelled.groupby('free_school_meals')['pa'].mean() * 100",
        # numbers of pupils, not rates
        "labelled = pupils.assign(pa=pupils['pupil_id'].map(answer_q1))\n"
        "answer_q2 = labelled.groupby('free_school_meals')['pa'].sum()",
    ],
    "q3": [
        # how many times as likely
        "answer_q3 = round(answer_q2[True] / answer_q2[False], 2)",
        # the relative difference, in percent of the lower rate
        "answer_q3 = round((answer_q2[True] - answer_q2[False]) / answer_q2[False] * 100, 1)",
        # the wrong way round
        "answer_q3 = answer_q2[False] - answer_q2[True]",
    ],
}
