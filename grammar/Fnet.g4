/*
 * The language of feynet model files (.fnet): network blocks (a forward equation and the priors of
 * its parameters) and theory blocks (an action), each followed by derive lines.
 * Newlines are insignificant; every statement begins with a keyword, except layer equations, which
 * begin with the indexed pre-activation (z[l+1] = ...). Comments run from '#' to the end of the line.
 * Small rules that hold a single name (widthSymbol, depthSymbol, ...) exist so that a syntax error
 * can say which name was expected; see org.feynet.lang.SyntaxErrors.
 */
grammar Fnet;

file : block* EOF ;

block : (network | theory | train) derive* ;

// ---------------------------------------------------------------- networks

network : 'network' blockName '{' networkStatement* '}' ;

networkStatement
    : widthStatement
    | depthStatement
    | activationStatement
    | initStatement
    | withClause
    | learningRates
    | inputStatement
    | closureStatement
    | outputStatement
    | featuresStatement
    | equation
    ;

widthStatement : 'width' widthSymbol ;

depthStatement : 'depth' depthSymbol '=' expr ;

activationStatement : 'activation' activationName ('(' parameter ')' '=' expr)? ;

initStatement : 'init' prior (',' prior)* ;

prior : parameterName ('[' expr ']')? '~' distribution '(' expr (',' expr)* ')' ;   // W[0]: one layer's prior

// an indexed binding (alpha[l] = ...) or a per-block prior (mask[l] ~ bernoulli(p)): Fourier-feature residual networks
withClause : 'with' withItem (',' withItem)* ;

withItem : binding | indexedBinding | prior ;

indexedBinding : bindingName '[' expr ']' '=' expr ;

// the Fourier-feature embedding of a residual network: features gamma(x) = fourier(m, s)
featuresStatement : 'features' featureName '(' parameter ')' '=' expr ;

learningRates : 'learning' 'rates' binding (',' binding)* ;

inputStatement
    : 'input' 'gram' matrix               # gramInput
    | 'input' inputName '=' matrix        # vectorInput
    ;

closureStatement : 'closure' closureName ;   // residual networks: G, RG, RGM or exact (the default)
// the readout of a mean-field network: output f = w . sigma(z[L]) / (gamma0 * n)
outputStatement : 'output' outputName '=' expr ;

equation : layer '=' expr range? ;

layer : ID '[' expr ']' ;

range : 'for' indexRange ;

indexRange : rangeVariable '=' expr '..' expr ;

binding : bindingName '=' expr ;

// ---------------------------------------------------------------- theories

theory : 'theory' blockName '{' theoryStatement* '}' ;

theoryStatement
    : fieldStatement
    | couplingStatement
    | actionStatement
    | withClause
    ;

fieldStatement : 'field' fieldName ('[' rangeVariable ']' ',' indexRange)? ;

couplingStatement : 'coupling' couplingName (',' couplingName)* ;

actionStatement : 'action' actionName '=' expr ;

// ---------------------------------------------------------------- training

train : 'train' blockName '{' trainStatement* '}' ;

trainStatement
    : targetsStatement
    | lossStatement
    | flowStatement
    | testStatement
    | withClause
    ;

targetsStatement : 'targets' targetsName '=' matrix ;

lossStatement : 'loss' lossName ;

flowStatement : 'gradient' 'flow' ('with' 'rate' expr)? 'for' indexRange ;   // the rate: mean-field networks

// held-out points of a Fourier-feature residual network: test x = [[...], ...], y = [...]
testStatement : 'test' inputName '=' matrix ',' targetsName '=' matrix ;

// ---------------------------------------------------------------- derive lines

// 'to order' is required by networks and theories; 'derive dynamics' after a train block has none
derive : 'derive' target (',' target)* ('to' 'order' expr)? ;

target
    : 'log' ID                                  # logTarget
    | ID                                        # namedTarget
    | '<' fieldReference+ '>' ('_' ID)?         # correlatorTarget
    ;

fieldReference : ID ('[' expr ']')? ;

// ---------------------------------------------------------------- expressions

expr : sum ;

sum : product (('+' | '-') product)* ;

product : unary (('*' | '/' | '.') unary)* ;

unary
    : '-' unary
    | power
    ;

power : atom ('^' unary)? ;          // right-associative: 2^3^2 = 2^(3^2); -z^2 = -(z^2)

atom
    : NUMBER                                    # numberAtom
    | functionName '(' arguments ')'            # callAtom
    | ID '[' expr ']'                           # indexAtom
    | ID                                        # symbolAtom
    | '(' expr ')'                              # parenAtom
    | '[' expr (',' expr)* ']'                  # listAtom
    ;

arguments : expr (',' expr)* ;

// ---------------------------------------------------------------- names

blockName : ID ;
widthSymbol : ID ;
depthSymbol : ID ;
activationName : ID ;
parameter : ID ;
parameterName : ID ;
distribution : ID ;
inputName : ID ;
rangeVariable : ID ;
bindingName : ID ;
fieldName : ID ;
couplingName : ID ;
actionName : ID ;
outputName : ID ;
featureName : ID ;
targetsName : ID ;
lossName : ID ;
functionName : ID | 'log' ;
closureName : ID ;
matrix : '[' expr (',' expr)* ']' ;

// ---------------------------------------------------------------- tokens

LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
NUMBER : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)? ;
ID : [a-zA-Z] [a-zA-Z0-9_]* ;
COMMENT : '#' ~[\r\n]* -> skip ;
WS : [ \t\r\n\f]+ -> skip ;

fragment DIGITS : [0-9]+ ;
