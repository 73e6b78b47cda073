"""Right and wrong answers to m07's questions, which `academy validate` judges (cluster labels are arbitrary,
so right answers differ in method and labelling, wrong ones in what was clustered, counted or named)."""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, rounding the question allows...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # built column by column, in another order, the 0/1 columns as floats
        "answer_q1 = pd.DataFrame({\n"
        "    'male': (claimants['sex'] == 'Male').astype(float),\n"
        "    'married': (claimants['marital_status'] == 'Married').astype(float),\n"
        "    'depressed': claimants['clinical_depression'].astype(float),\n"
        "    'age': claimants['age'],\n"
        "    'weekly_pay': claimants['weekly_pay'],\n"
        "    'physical_functioning': claimants['physical_functioning'],\n"
        "    'mental_health_score': claimants['mental_health_score'],\n"
        "})",
        # a copy with new columns from map / np.where, then the features picked
        "import numpy as np\n"
        "x = claimants.copy()\n"
        "x['depressed'] = x['clinical_depression'].map({True: 1, False: 0})\n"
        "x['married'] = np.where(x['marital_status'] == 'Married', 1, 0)\n"
        "x['male'] = x['sex'].eq('Male').astype(int)\n"
        "answer_q1 = x[['age', 'weekly_pay', 'physical_functioning', 'mental_health_score',\n"
        "               'depressed', 'married', 'male']]",
        # dropping what is not a property of the person, with get_dummies for sex
        "answer_q1 = claimants.drop(columns=['claimant_id', 'lsoa_code', 'months_claiming',\n"
        "                                    'distance_to_jobcentre_m', 'research_consent'])\n"
        "answer_q1['depressed'] = answer_q1.pop('clinical_depression').astype(int)\n"
        "answer_q1['married'] = (answer_q1.pop('marital_status') == 'Married').astype(int)\n"
        "answer_q1['male'] = pd.get_dummies(answer_q1.pop('sex'))['Male'].astype(int)",
    ],
    "q2": [
        # sklearn's scaler: a NumPy array, population standard deviation (ddof=0)
        "from sklearn.preprocessing import StandardScaler\n"
        "answer_q2 = StandardScaler().fit_transform(answer_q1)",
        # column by column, with ddof=0
        "answer_q2 = answer_q1.apply(lambda column: (column - column.mean()) / column.std(ddof=0))",
        # scipy's z-scores column by column, the columns in another order (a labelled table)
        "from scipy.stats import zscore\n"
        "answer_q2 = answer_q1[sorted(answer_q1.columns)].apply(zscore)",
    ],
    "q3": [
        # another seed and the fitted model's labels_
        "model = KMeans(n_clusters=3, n_init=10, random_state=42).fit(answer_q2)\n"
        "answer_q3 = model.labels_",
        # scaled afresh inside the cell, labels as a Series by claimant
        "from sklearn.preprocessing import StandardScaler\n"
        "scaled = StandardScaler().fit_transform(answer_q1)\n"
        "answer_q3 = pd.Series(KMeans(n_clusters=3, n_init=20, random_state=1).fit_predict(scaled),\n"
        "                      index=claimants['claimant_id'])",
        # labels turned into letters: the numbers themselves do not matter
        "labels = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(answer_q2)\n"
        "answer_q3 = [('A', 'B', 'C')[label] for label in labels]",
    ],
    "q4": [
        "answer_q4 = pd.Series(answer_q3).value_counts().sort_index()",
        "answer_q4 = answer_q1.groupby(answer_q3).size()",
        "import numpy as np\n"
        "answer_q4 = pd.Series(np.bincount(answer_q3))",
    ],
    "q5": [
        # oldest cluster, most depressed cluster, and the one left over
        "profile = answer_q1.groupby(answer_q3).mean()\n"
        "older = profile['age'].idxmax()\n"
        "low_mood = profile['depressed'].idxmax()\n"
        "(rest,) = [c for c in profile.index if c not in (older, low_mood)]\n"
        "answer_q5 = pd.Series(answer_q3).map({older: 'older_higher_pay', low_mood: 'poor_mental_health',\n"
        "                                      rest: 'married_male'})",
        # a list, one name per claimant, from the share married and male
        "profile = answer_q1.groupby(answer_q3).mean()\n"
        "names = {profile['weekly_pay'].idxmax(): 'older_higher_pay',\n"
        "         profile['mental_health_score'].idxmin(): 'poor_mental_health',\n"
        "         (profile['married'] + profile['male']).idxmax(): 'married_male'}\n"
        "answer_q5 = [names[label] for label in answer_q3]",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        # the category codes: Married sorts before Unmarried, so married comes out the wrong way round
        "answer_q1 = claimants[['age', 'weekly_pay', 'physical_functioning', 'mental_health_score']].assign(\n"
        "    depressed=claimants['clinical_depression'].astype(int),\n"
        "    married=claimants['marital_status'].cat.codes,\n"
        "    male=claimants['sex'].cat.codes)",
        # kept the distance to the jobcentre as a feature
        "answer_q1 = claimants[['age', 'weekly_pay', 'physical_functioning', 'mental_health_score',\n"
        "                       'distance_to_jobcentre_m']].assign(\n"
        "    depressed=claimants['clinical_depression'].astype(int),\n"
        "    married=(claimants['marital_status'] == 'Married').astype(int),\n"
        "    male=(claimants['sex'] == 'Male').astype(int))",
        # forgot to turn the text columns into 0/1
        "answer_q1 = claimants[['age', 'weekly_pay', 'physical_functioning', 'mental_health_score']].assign(\n"
        "    depressed=claimants['clinical_depression'].astype(int),\n"
        "    married=claimants['marital_status'],\n"
        "    male=claimants['sex'])",
    ],
    "q2": [
        # centred but not divided by the standard deviation
        "answer_q2 = answer_q1 - answer_q1.mean()",
        # min-max scaling: 0 to 1, not mean 0 and standard deviation 1
        "answer_q2 = (answer_q1 - answer_q1.min()) / (answer_q1.max() - answer_q1.min())",
        # divided by the variance
        "answer_q2 = (answer_q1 - answer_q1.mean()) / answer_q1.var()",
        # scaled each claimant's row instead of each column
        "answer_q2 = answer_q1.sub(answer_q1.mean(axis=1), axis=0).div(answer_q1.std(axis=1), axis=0)",
    ],
    "q3": [
        # clustered the raw features: pay in pounds decides everything
        "answer_q3 = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(answer_q1)",
        # the wrong k
        "answer_q3 = KMeans(n_clusters=4, n_init=10, random_state=0).fit_predict(answer_q2)",
        # the model itself, not its labels
        "answer_q3 = KMeans(n_clusters=3, n_init=10, random_state=0).fit(answer_q2)",
        # the centres, one per cluster, not a label per claimant
        "answer_q3 = KMeans(n_clusters=3, n_init=10, random_state=0).fit(answer_q2).cluster_centers_",
    ],
    "q4": [
        "answer_q4 = pd.Series(answer_q3).value_counts(normalize=True)",
        # percentages
        "answer_q4 = pd.Series(answer_q3).value_counts() / len(answer_q3) * 100",
        # count() on the whole table: a count per column, a DataFrame
        "answer_q4 = answer_q1.groupby(answer_q3).count()",
    ],
    "q5": [
        # read a high mental health score as poor mental health
        "profile = answer_q1.groupby(answer_q3).mean()\n"
        "names = {profile['weekly_pay'].idxmax(): 'older_higher_pay',\n"
        "         profile['mental_health_score'].idxmax(): 'poor_mental_health',\n"
        "         profile['physical_functioning'].idxmax(): 'married_male'}\n"
        "answer_q5 = pd.Series(answer_q3).map(names)",
        # the names of the clusters, not of each claimant
        "profile = answer_q1.groupby(answer_q3).mean()\n"
        "answer_q5 = {profile['weekly_pay'].idxmax(): 'older_higher_pay',\n"
        "             profile['mental_health_score'].idxmin(): 'poor_mental_health',\n"
        "             profile['physical_functioning'].idxmin(): 'married_male'}",
        # a rule on each claimant's own values instead of their cluster
        "import numpy as np\n"
        "answer_q5 = np.where(claimants['clinical_depression'], 'poor_mental_health',\n"
        "                     np.where(claimants['marital_status'] == 'Married',\n"
        "                              'married_male', 'older_higher_pay'))",
    ],
}

#: The exercises whose first WRONG entry generated submissions use: only question 4's, since every
#: other answer feeds a later question, whose mistake would cost those too by a data-dependent amount.
SUBMISSION_MISTAKES = ("q4",)
