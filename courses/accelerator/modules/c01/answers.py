"""Right and wrong answers to c01's questions, which `academy validate` judges (right ones count rows and
bands other ways; wrong ones count the columns, the wrong column or the least common band)."""

RIGHT = {
    "q1": [
        "answer_q1 = properties.shape[0]",
        "answer_q1 = properties['property_ref'].count()",
        "number_of_homes = len(properties)\nanswer_q1 = number_of_homes",
    ],
    "q2": [
        # put in band order
        "answer_q2 = properties['band'].value_counts().sort_index()",
        # a pivot-table style count per group
        "answer_q2 = properties.groupby('band', observed=True).size()",
        # the table's value_counts on one column, labels as plain text
        "counts = properties.value_counts('band')\nanswer_q2 = counts.set_axis(counts.index.astype(str))",
    ],
    "q3": [
        # read off and typed in, lower case
        "counts = properties['band'].value_counts()\nanswer_q3 = counts.index[0].lower()",
        # the first label of a fresh value_counts
        "answer_q3 = properties['band'].value_counts().index[0]",
        # the most common value directly, written as 'Band X'
        "answer_q3 = 'Band ' + str(properties['band'].mode()[0])",
    ],
}

WRONG = {
    "q1": [
        # the number of columns
        "answer_q1 = len(properties.columns)",
        # shape gives two numbers
        "answer_q1 = properties.shape",
        # the other table's rows
        "answer_q1 = len(band_charges)",
    ],
    "q2": [
        # the wrong column
        "answer_q2 = properties['single_person_discount'].value_counts()",
        # shares, not numbers of homes
        "answer_q2 = properties['band'].value_counts(normalize=True)",
        # percentages
        "answer_q2 = properties['band'].value_counts(normalize=True) * 100",
    ],
    "q3": [
        # the code put in quotes: text, never run
        "answer_q3 = 'answer_q2.idxmax()'",
        # the counts themselves, not one band
        "answer_q3 = properties['band'].value_counts()",
        # the least common band
        "answer_q3 = properties['band'].value_counts().idxmin()",
        # the count, not the band
        "answer_q3 = properties['band'].value_counts().max()",
    ],
}
