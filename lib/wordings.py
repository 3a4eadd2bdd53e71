"""The wordings of the offline composer: every part of a note, said several ways.

Each tuple holds one part of a note (the opening thanks, a question they asked, a concern, the
case for fit, the farewell ...) in ``VARIANTS`` wordings. The people of one panel get different
wordings, and the words just around each ``{x}`` differ from one wording to the next, so that two
notes that mention the same thing still share no long run of words (T4).
"""

SIGN_OFFS = {"casual": "Best,", "standard": "Best regards,", "formal": "Kind regards,"}
SUBJECTS = (
    "Thank you for today",
    "Thank you for your time",
    "Our conversation about the {role} role",
    "Thank you for the interview",
    "Grateful for the conversation about the {role} role",
    "Thanks for meeting with me",
    "After our interview at {company}",
)
OPENINGS = (
    "Thank you for taking the time to meet with me about the {role} role.",
    "Thank you for speaking with me about the {role} position at {company}.",
    "I am grateful for the time you gave me during my interview at {company}.",
    "Many thanks for our conversation about joining {company}.",
    "Thank you for the interview and for your time.",
    "I appreciated the chance to talk with you about the {role} role.",
    "Thank you for meeting with me; I enjoyed our conversation.",
)
ASKED = (  # the words around {x} differ from one wording to the next (T4)
    "Your question about {x} has stayed with me since.",
    "I have kept thinking about your question on {x}.",
    "I enjoyed working through {x} together.",
    "Thank you for the question regarding {x}; it was a good one to reflect on.",
    "I have been mulling over {x} ever since.",
    "Your question on {x} made me think.",
    "I was glad you asked me about {x}, and I enjoyed answering.",
)
TASKS = (
    "I enjoyed it when you asked me to {x}.",
    "Thank you for asking me to {x}; it was a good challenge.",
    "Being asked to {x} was the most interesting part of my day.",
    "I appreciated the chance to {x} with you.",
    "It was fun to be asked to {x}.",
    "Thank you for the exercise: you asked me to {x}, and I enjoyed it.",
    "I liked being asked to {x}.",
)
DONE = (
    "Thank you for {x}.",
    "I appreciated you {x}.",
    "It was helpful of you to spend time {x}.",
    "Thank you as well for {x}.",
    "I valued you {x}.",
    "I am grateful for you {x}.",
    "Many thanks for {x}.",
)
DISCUSSED = (
    "I enjoyed our conversation about {x}.",
    "Talking with you about {x} was a highlight for me.",
    "I valued your view on {x}.",
    "Our discussion of {x} gave me a clear picture of the work.",
    "I especially valued our exchange over {x}.",
    "I keep thinking about what you said regarding {x}.",
    "It was useful to talk through {x} with you.",
)
HEARD = (
    "It was useful to hear that {x}.",
    "I found it helpful to learn that {x}.",
    "Thank you for explaining that {x}.",
    "I appreciated you telling me that {x}.",
    "It helped me to understand that {x}.",
    "I was interested to learn that {x}.",
    "It was good to hear from you that {x}.",
)
PERSONAL_HEARD = (
    "It was fun to find out that {x}.",
    "I also enjoyed hearing that {x}.",
    "I smiled when I learned that {x}.",
    "It was a nice surprise to hear that {x}.",
    "I was delighted to find out that {x}.",
    "It made my day to hear that {x}.",
    "I enjoyed discovering that {x}.",
)
PERSONAL_TOPIC = (
    "I also enjoyed our chat about {x}.",
    "It was fun to talk about {x} with you.",
    "Our few minutes on {x} were a highlight.",
    "I enjoyed our detour into {x}.",
    "I smiled again later, thinking of our chat about {x}.",
    "It was a pleasure to connect over {x}.",
    "I will remember our conversation about {x}.",
)
CONCERN_STATED = (
    "You were right to point out that {x}.",
    "You were fair to note that {x}.",
    "I understand why you noted that {x}.",
    "Thank you for being direct that {x}.",
    "I appreciated your candour in noting that {x}.",
    "It was fair of you to raise that {x}.",
    "You rightly noted that {x}.",
)
CONCERN_TOPIC = (
    "Thank you for being candid about {x}.",
    "I appreciated your frankness about {x}.",
    "I have thought more about {x}, which you rightly raised.",
    "Thank you for raising {x} so openly.",
    "I was glad you were open with me about {x}.",
    "You were right to bring up {x}.",
    "I understand your question about {x}.",
)
CONCERN_ANSWERS = (
    "That said, {s}.",
    "What I can point to is that {s}.",
    "I would add that {s}.",
    "For what it is worth, {s}.",
    "On that point, {s}.",
    "I hope it helps to know that {s}.",
    "Still, {s}.",
)
FITS = (
    "{S}, and I would bring that experience to {company}.",
    "As for what I would bring, {s}.",
    "I think my background fits here: {s}.",
    "Relevant to this role, {s}.",
    "It may help to know that {s}.",
    "On the question of fit, {s}.",
    "My experience speaks to this: {s}.",
)
FITS_MORE = (  # a second fit point, for a note that would otherwise be too short
    "Beyond that, {s}.",
    "Also, {s}.",
    "In addition, {s}.",
    "Besides this, {s}.",
    "What is more, {s}.",
    "As well as that, {s}.",
    "On top of that, {s}.",
)
FITS_GENERIC = (
    "I believe my background fits what you described.",
    "I would bring directly relevant experience to the team.",
    "My experience matches the needs you described well.",
    "My strengths line up well with what the role asks for.",
    "I am confident my skills suit the work you outlined.",
    "I think my experience is a good match for this work.",
    "I believe I would be a strong fit for the team.",
)
INTERESTS = (
    "I am excited about the chance to join {company}.",
    "I am keen on the {role} role; it is the work I want to do next.",
    "I remain very interested in the {role} role.",
    "Our conversation made me even more eager to join your team.",
    "I would love to contribute to the team at {company}.",
    "I am enthusiastic about what I could do in this role.",
    "I would be glad to bring my experience to {company}.",
)
FAREWELLS = (
    "I look forward to hearing from you.",
    "Please let me know if I can send anything else.",
    "I hope to speak with you again soon.",
    "Thank you again for your time.",
    "Have a good rest of the week.",
    "I would be happy to answer any further questions.",
    "Wishing you a good week.",
)
RECRUITER_THANKS = (
    "Thank you also for explaining the process and the next steps.",
    "I appreciated your clear overview of the process.",
    "Thank you for walking me through how the process works.",
    "It was helpful to hear how the next steps will go.",
    "Thanks as well for taking me through the hiring process.",
    "Your outline of the process was very helpful.",
    "I appreciated hearing how the hiring process works.",
)
SPECIFIC_NONE = (
    "I enjoyed hearing how you see the {role} role.",
    "Hearing about your part of {company} gave me a clear picture of the work.",
    "Your view of the team's priorities was genuinely useful.",
    "I valued how openly you described the challenges ahead.",
    "Our conversation helped me picture the work day to day.",
    "I learned a lot about the team from you.",
    "Your account of the work ahead was very helpful.",
)
FOLLOW_UP_SUBJECTS = (
    "Checking in on the {role} role",
    "Following up on the {role} position",
    "A quick follow-up",
    "Still very interested in the {role} role",
    "Checking in",
    "Following up from {company}",
    "The {role} role: a short follow-up",
)
FOLLOW_UP_OPENINGS = (
    "I hope your week is going well.",
    "I hope all is well with you and the team.",
    "I wanted to check in briefly.",
    "I hope things are going well at {company}.",
    "I am writing with a short follow-up.",
    "I hope you are having a good week.",
    "A quick note to follow up.",
)
FOLLOW_UP_RECALLS = (
    "Thanks again for speaking with me on {day}.",
    "I am still grateful for our conversation on {day}.",
    "Thank you again for our talk on {day}.",
    "I appreciated the time you gave me on {day}.",
    "Our conversation on {day} stayed with me; thank you again.",
    "Thank you once more for meeting me on {day}.",
    "I remain thankful for the interview on {day}.",
)
FOLLOW_UP_REMINDERS = (
    "I have kept thinking about {x}.",
    "Since we spoke, {x} has stayed on my mind.",
    "I have thought more since about {x}.",
    "I keep coming back to {x}.",
    "{X} has stayed with me.",
    "I have reflected further on {x}.",
    "I am still thinking about {x}.",
)
FOLLOW_UP_CONCERNS = (
    "I have also thought more about {x}.",
    "{X} has been on my mind as well.",
    "I have reflected on {x} too.",
    "Since then I have considered {x} further.",
    "I took {x} to heart.",
    "I also keep returning to {x}.",
    "{X} is something I have thought through since.",
)
FOLLOW_UP_CONCERN_ANSWERS = (
    "As for {x}, {s}.",
    "On {x}, {s}.",
    "Regarding {x}, {s}.",
    "With {x} in mind, {s}.",
    "To answer {x}, {s}.",
    "Thinking again about {x}, {s}.",
    "Coming back to {x}, {s}.",
)
FOLLOW_UP_INTERESTS = (
    "I remain very interested in joining {company}.",
    "My enthusiasm for the role has only grown.",
    "I am still keen to contribute to your team.",
    "The role remains my first choice, and I am excited about it.",
    "I would love the chance to bring my experience to {company}.",
    "I am as eager as ever about the {role} role.",
    "I am still very interested in the position.",
)
FOLLOW_UP_ASKS = (
    "Could you share where the process stands and what the next steps might be?",
    "Is there any news on the timeline, or anything more I can send you?",
    "I would be glad to hear how the decision is coming along.",
    "When convenient, could you let me know the expected timing?",
    "If helpful, I am happy to provide anything else you need.",
    "Might you have an update on the timing?",
    "I would welcome any news on the next steps.",
)
FOLLOW_UP_DECISION_ASKS = (
    "You mentioned a decision around {day}; could you share where things stand?",
    "Since you hoped to decide by {day}, I wanted to ask about the timing.",
    "As {day} has passed, is there any news on the decision?",
    "You had planned to decide around {day}; I would be glad of an update.",
    "I remember that {day} was the target date; how is the decision coming along?",
    "Could you let me know whether the {day} timeline still holds?",
    "I know a decision was planned for {day}; any update would be welcome.",
)
VARIANTS = len(OPENINGS)

CONCERNS_RECALLED = (  # a concern the thank-you already answered at length, recalled briefly
    "the concern you raised",
    "the point you raised",
    "your question about my experience",
    "the gap you pointed out",
    "what you were unsure about",
    "the question you were candid about",
    "the reservation you mentioned",
)
REMINDER_PHRASES = {  # a mention as a noun phrase in a follow-up, by kind; wordings as above
    "task": ("the exercise where you asked me to {x}", "being asked to {x}",
             "your request that I {x}", "the task you set me, to {x}"),
    "done": ("the time you spent {x}", "you {x}", "your kindness in {x}"),
    "personal": ("finding out that {x}", "learning that {x}", "hearing that {x}"),
    "personal_topic": ("our chat about {x}", "our talk of {x}", "our detour into {x}"),
    "concern_statement": ("your point that {x}", "your remark that {x}", "your note that {x}"),
    "statement": ("the news that {x}", "hearing that {x}", "learning that {x}",
                  "what you told me, that {x}"),
    "asked": ("your question about {x}", "your question on {x}", "the question of {x}",
              "your question regarding {x}", "being asked over {x}"),
    "concerns": ("your point about {x}", "your concern over {x}", "your question regarding {x}"),
    "discussed": ("our talk about {x}", "our discussion of {x}", "what you said on {x}",
                  "our exchange over {x}", "the subject of {x}"),
}  # fmt: skip
