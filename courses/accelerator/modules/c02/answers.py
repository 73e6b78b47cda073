"""Right and wrong answers to c02's questions, which `academy validate` judges (right ones filter and count
other ways; wrong ones forget a condition, use < for 'within', or divide by the wrong whole)."""

RIGHT = {
    "q1": [
        # the True values added up
        "answer_q1 = (applications['development_scale'] == 'Minor').sum()",
        # value_counts, then Minor's count looked up
        "answer_q1 = applications['development_scale'].value_counts()['Minor']",
        # rows of the filtered table from shape
        "minor_ones = applications[applications['development_scale'] == 'Minor']\nanswer_q1 = minor_ones.shape[0]",
    ],
    "q2": [
        # filtered in two steps
        "minor_ones = applications[applications['development_scale'] == 'Minor']\n"
        "answer_q2 = len(minor_ones[minor_ones['days_to_decide'] <= 56])",
        # 8 weeks written as 8 * 7, the True values added up
        "answer_q2 = ((applications['development_scale'] == 'Minor')"
        " & (applications['days_to_decide'] <= 8 * 7)).sum()",
        # 'not Major' for minor, and 'less than 57 days'
        "answer_q2 = len(applications[(applications['development_scale'] != 'Major')\n"
        "                              & (applications['days_to_decide'] < 57)])",
    ],
    "q3": [
        # the decided ones found by their days_to_decide not being empty, rounded to one decimal place
        "decided_minor = applications[(applications['development_scale'] == 'Minor')\n"
        "                             & applications['days_to_decide'].notna()]\n"
        "answer_q3 = round(len(decided_minor[decided_minor['days_to_decide'] <= 56]) / len(decided_minor) * 100, 1)",
        # the mean of a True/False condition is the share of rows where it is true
        "decided_minor = applications[(applications['development_scale'] == 'Minor')\n"
        "                             & (applications['decision'] != 'Pending')]\n"
        "answer_q3 = (decided_minor['days_to_decide'] <= 56).mean() * 100",
        # counts for the three decisions added up
        "minor_ones = applications[applications['development_scale'] == 'Minor']\n"
        "decided = minor_ones['decision'].isin(['Approved', 'Refused', 'Withdrawn']).sum()\n"
        "answer_q3 = 100 * answer_q2 / decided",
    ],
}

WRONG = {
    "q1": [
        # every application
        "answer_q1 = len(applications)",
        # the major ones
        "answer_q1 = len(applications[applications['development_scale'] == 'Major'])",
        # lower case: nothing matches
        "answer_q1 = len(applications[applications['development_scale'] == 'minor'])",
        # the filtered table, not a number
        "answer_q1 = applications[applications['development_scale'] == 'Minor']",
    ],
    "q2": [
        # the size condition forgotten
        "answer_q2 = len(applications[applications['days_to_decide'] <= 56])",
        # < leaves out day 56
        "answer_q2 = len(applications[(applications['development_scale'] == 'Minor')\n"
        "                              & (applications['days_to_decide'] < 56)])",
        # weeks, not days
        "answer_q2 = len(applications[(applications['development_scale'] == 'Minor')\n"
        "                              & (applications['days_to_decide'] <= 8)])",
    ],
    "q3": [
        # a share, not a percentage
        "decided_minor = applications[(applications['development_scale'] == 'Minor')\n"
        "                             & (applications['decision'] != 'Pending')]\n"
        "answer_q3 = answer_q2 / len(decided_minor)",
        # the pending ones left in the whole
        "answer_q3 = answer_q2 / len(applications[applications['development_scale'] == 'Minor']) * 100",
        # every application as the whole
        "answer_q3 = answer_q2 / len(applications) * 100",
    ],
}
