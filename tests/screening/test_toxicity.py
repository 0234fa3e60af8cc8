from profanity_check import predict_prob

from commentdesk.screening import toxicity

TEXTS = ["you are an idiot", "Nice article, thanks!", "", "12 34", "what the hell is this"]


def test_the_fast_scorer_gives_the_packages_own_probabilities():
    expected = predict_prob(TEXTS)
    assert [round(toxicity.score(t), 6) for t in TEXTS] == [round(float(p), 6) for p in expected]
