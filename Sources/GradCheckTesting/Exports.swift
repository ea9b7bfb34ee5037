// What a test that checks a model needs, behind one dependency line: the checker, its
// verdicts and the model protocol (GradientCheck), and the network to build one from values
// (NeuralNetwork).
@_exported import GradientCheck
@_exported import NeuralNetwork
