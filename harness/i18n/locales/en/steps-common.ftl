# harness/runner/src/steps/common.rs: steps shared by every profile.

steps-common-served-as = served as { $seen }, expected { $expected }
steps-common-served-untyped = served as "no Content-Type", expected { $expected }
steps-common-next-action-not-url = the order's next_action.url { $url } is not a URL ({ $error })
steps-common-the-answer = the answer
