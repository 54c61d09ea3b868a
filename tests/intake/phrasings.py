"""How callers actually describe things, with the catalog entry a CSR would pick.

Written independently of the catalog's own synonyms and examples (so the suggester is tested
on words it was not handed), including typos, run-on sentences and half-typed words.
"""

from __future__ import annotations

PHRASINGS: list[tuple[str, str]] = [
    # Potholes
    ("there's a huge hole in the road on my block", "Potholes"),
    ("pot hole in front of my house", "Potholes"),
    ("my tire blew out on a crater on lake ave", "Potholes"),
    ("potholw on colorado", "Potholes"),
    ("the asphalt is broken and sinking near the curb", "Potholes"),
    # Street lights / signals
    ("the streetlight outside is out", "Street Lights/Traffic Signals"),
    ("street lamp flickering all night", "Street Lights/Traffic Signals"),
    ("traffic light stuck on red at the intersection", "Street Lights/Traffic Signals"),
    ("the signal at fair oaks and del mar isnt working", "Street Lights/Traffic Signals"),
    ("light pole is dark on our street", "Street Lights/Traffic Signals"),
    # Graffiti
    ("someone spray painted the wall behind the market", "Graffiti"),
    ("tagging on the bus bench", "Graffiti"),
    ("grafitti on a stop sign", "Graffiti"),
    ("gang tags all over the alley fence", "Graffiti"),
    # Abandoned trash items
    ("somebody dumped a couch", "Abandoned Trash Items"),
    ("an old mattress was left on the sidewalk", "Abandoned Trash Items"),
    ("illegal dumping in the alley, tires and boxes", "Abandoned Trash Items"),
    ("someone left a broken fridge by the curb", "Abandoned Trash Items"),
    # Missed trash
    ("my trash wasn't picked up today", "Missed Trash"),
    ("they skipped our recycling bin this week", "Missed Trash"),
    ("the garbage truck missed my street", "Missed Trash"),
    ("green waste cart not emptied", "Missed Trash"),
    # Animals
    ("a dead raccoon on my street", "Animal Care/Control"),
    ("stray dog running loose in the park", "Animal Care/Control"),
    ("there's a coyote in my backyard", "Animal Care/Control"),
    ("my neighbor's dog barks all night", "Animal Care/Control"),
    ("dead cat in the gutter", "Animal Care/Control"),
    # Parking enforcement
    ("a car has been parked in front of my house for two weeks", "Parking Enforcement Issues"),
    ("someone is blocking my driveway", "Parking Enforcement Issues"),
    ("abandoned vehicle with flat tires", "Parking Enforcement Issues"),
    ("people keep parking in the red zone", "Parking Enforcement Issues"),
    # Code enforcement
    ("my neighbor is building without a permit", "Code Enforcement – Private and Public Property"),
    ("overgrown weeds and junk in the neighbors yard", "Code Enforcement – Private and Public Property"),
    ("someone is running a business out of their garage", "Code Enforcement – Private and Public Property"),
    ("the vacant house next door is a mess", "Code Enforcement – Private and Public Property"),
    # Fireworks
    ("people setting off fireworks in the street", "Fireworks"),
    ("illegal firecrackers every night", "Fireworks"),
    # Power / water
    ("my power is out", "Power/Water Outage and Issues"),
    ("no water coming from my tap", "Power/Water Outage and Issues"),
    ("water main break flooding the street", "Power/Water Outage and Issues"),
    ("electricity keeps going off in our neighborhood", "Power/Water Outage and Issues"),
    # Wasting water
    ("sprinklers running in the rain", "Wasting Water"),
    ("the neighbors water their lawn in the middle of the day and it floods the gutter", "Wasting Water"),
    ("broken sprinkler head gushing water", "Wasting Water"),
    # Homelessness
    ("there is a homeless encampment under the bridge", "Issues Related to Homelessness"),
    ("a man sleeping in the doorway of my shop", "Issues Related to Homelessness"),
    ("tents on the sidewalk by the freeway", "Issues Related to Homelessness"),
    # Trees
    ("a big branch fell from the street tree", "Street Tree Maintenance"),
    ("the parkway tree needs trimming, it blocks the sign", "Street Tree Maintenance"),
    ("tree roots lifting the sidewalk", "Street Tree Maintenance"),
    # Parks
    ("the restroom at the park is filthy", "Park Maintenance"),
    ("broken swing at the playground", "Park Maintenance"),
    ("park sprinklers broken and the grass is dead", "Park Maintenance"),
    # Bulky item pick up
    ("how do i get rid of an old sofa", "Bulky Item Pick Up"),
    ("i want to schedule a bulky pickup", "Bulky Item Pick Up"),
    ("can you pick up my old washing machine", "Bulky Item Pick Up"),
    # Information topics
    ("how do I get a parking permit for my street", "Parking Permit Information"),
    ("I want to appeal a parking ticket", "Parking Citation Appeals / Payment Options"),
    ("how can i pay my parking citation", "Parking Citation Appeals / Payment Options"),
    ("wheelchair seating for the rose parade", "ADA Seating Information for Rose Parade and Rose Bowl"),
    ("help paying my electric bill", "PWP Low Income Assistance Programs"),
    ("rebate for a new water heater", "PWP Rebates/Home Improvement Programs"),
    ("compost workshop", "Organics Recycling Program / Compost Hub Training"),
    ("what events are happening in the city this weekend", "City Events"),
    ("road construction on my street, how long will it last", "Construction/Engineering Projects"),
    ("i am about to lose my apartment and need shelter", "Housing/Shelter Information – Homeless Prevention Services"),
    ("i need a sign language interpreter for the city council meeting", "Accessibility Requests for City Meetings, Events and Classes"),
    ("my mother can't roll the trash bins to the curb", "Resident Refuse Disability Rollout Service"),
]
