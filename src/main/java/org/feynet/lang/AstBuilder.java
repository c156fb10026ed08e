package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.feynet.lang.antlr.FnetBaseVisitor;
import org.feynet.lang.antlr.FnetParser;

/**
 * Builds the syntax tree from ANTLR's parse tree, one visit method per grammar rule. It checks nothing:
 * a parse tree that exists is already syntactically valid.
 */
final class AstBuilder extends FnetBaseVisitor<Node> {

    private final String file;

    AstBuilder(String file) {
        this.file = file;
    }

    SourceFile file(FnetParser.FileContext ctx) {
        List<Block> blocks = new ArrayList<>();
        for (FnetParser.BlockContext block : ctx.block()) {
            blocks.add((Block) visit(block));
        }
        return new SourceFile(file, blocks);
    }

    @Override
    public Node visitBlock(FnetParser.BlockContext ctx) {
        List<Derive> derives = all(ctx.derive(), Derive.class);
        if (ctx.network() != null) {
            FnetParser.NetworkContext network = ctx.network();
            return new Block.Network(position(network), name(network.blockName()),
                    all(network.networkStatement(), NetworkStatement.class), derives);
        }
        if (ctx.train() != null) {
            FnetParser.TrainContext train = ctx.train();
            return new Block.Train(position(train), name(train.blockName()),
                    all(train.trainStatement(), TrainStatement.class), derives);
        }
        FnetParser.TheoryContext theory = ctx.theory();
        return new Block.Theory(position(theory), name(theory.blockName()),
                all(theory.theoryStatement(), TheoryStatement.class), derives);
    }

    // ------------------------------------------------------------------ network statements

    @Override
    public Node visitNetworkStatement(FnetParser.NetworkStatementContext ctx) {
        return visit(ctx.getChild(0));
    }

    @Override
    public Node visitWidthStatement(FnetParser.WidthStatementContext ctx) {
        return new NetworkStatement.Width(position(ctx), name(ctx.widthSymbol()));
    }

    @Override
    public Node visitDepthStatement(FnetParser.DepthStatementContext ctx) {
        return new NetworkStatement.Depth(position(ctx), name(ctx.depthSymbol()), expr(ctx.expr()));
    }

    @Override
    public Node visitActivationStatement(FnetParser.ActivationStatementContext ctx) {
        if (ctx.parameter() == null) {
            return new NetworkStatement.ActivationShorthand(position(ctx), name(ctx.activationName()));
        }
        return new NetworkStatement.ActivationDefinition(position(ctx), name(ctx.activationName()),
                name(ctx.parameter()), expr(ctx.expr()), text(ctx.expr()));
    }

    @Override
    public Node visitInitStatement(FnetParser.InitStatementContext ctx) {
        return new NetworkStatement.Init(position(ctx), all(ctx.prior(), Prior.class));
    }

    @Override
    public Node visitPrior(FnetParser.PriorContext ctx) {
        List<FnetParser.ExprContext> exprs = ctx.expr();
        if (ctx.LBRACKET() == null) {
            return new Prior(position(ctx), name(ctx.parameterName()), name(ctx.distribution()), exprs(exprs));
        }
        return new Prior(position(ctx), name(ctx.parameterName()), Optional.of(expr(exprs.get(0))),
                name(ctx.distribution()), exprs(exprs.subList(1, exprs.size())));
    }

    @Override
    public Node visitWithClause(FnetParser.WithClauseContext ctx) {
        List<Binding> bindings = new ArrayList<>();
        List<Node> perBlock = new ArrayList<>();
        for (FnetParser.WithItemContext item : ctx.withItem()) {
            Node node = visit(item.getChild(0));
            if (node instanceof Binding binding) {
                bindings.add(binding);
            } else {
                perBlock.add(node);
            }
        }
        return new With(position(ctx), bindings, perBlock);
    }

    @Override
    public Node visitIndexedBinding(FnetParser.IndexedBindingContext ctx) {
        return new IndexedBinding(position(ctx), name(ctx.bindingName()), expr(ctx.expr(0)), expr(ctx.expr(1)));
    }

    @Override
    public Node visitFeaturesStatement(FnetParser.FeaturesStatementContext ctx) {
        return new NetworkStatement.Features(position(ctx), name(ctx.featureName()), name(ctx.parameter()),
                expr(ctx.expr()));
    }

    @Override
    public Node visitLearningRates(FnetParser.LearningRatesContext ctx) {
        return new NetworkStatement.LearningRates(position(ctx), all(ctx.binding(), Binding.class));
    }

    @Override
    public Node visitClosureStatement(FnetParser.ClosureStatementContext ctx) {
        return new NetworkStatement.ClosureChoice(position(ctx), name(ctx.closureName()));
    }

    @Override
    public Node visitBinding(FnetParser.BindingContext ctx) {
        return new Binding(position(ctx), name(ctx.bindingName()), expr(ctx.expr()));
    }

    @Override
    public Node visitGramInput(FnetParser.GramInputContext ctx) {
        return new NetworkStatement.GramInput(position(ctx), (Expr.ListLiteral) visit(ctx.matrix()));
    }

    @Override
    public Node visitVectorInput(FnetParser.VectorInputContext ctx) {
        return new NetworkStatement.VectorInput(position(ctx), name(ctx.inputName()),
                (Expr.ListLiteral) visit(ctx.matrix()));
    }

    @Override
    public Node visitMatrix(FnetParser.MatrixContext ctx) {
        return new Expr.ListLiteral(position(ctx), exprs(ctx.expr()));
    }

    @Override
    public Node visitEquation(FnetParser.EquationContext ctx) {
        FnetParser.LayerContext layer = ctx.layer();
        Expr.Index left = new Expr.Index(position(layer), name(layer.ID().getSymbol()), expr(layer.expr()));
        Optional<Range> range = ctx.range() == null
                ? Optional.empty()
                : Optional.of((Range) visit(ctx.range().indexRange()));
        return new NetworkStatement.Equation(position(ctx), left, expr(ctx.expr()), range);
    }

    @Override
    public Node visitIndexRange(FnetParser.IndexRangeContext ctx) {
        return new Range(position(ctx), name(ctx.rangeVariable()), expr(ctx.expr(0)), expr(ctx.expr(1)));
    }

    @Override
    public Node visitOutputStatement(FnetParser.OutputStatementContext ctx) {
        return new NetworkStatement.Output(position(ctx), name(ctx.outputName()), expr(ctx.expr()));
    }

    // ------------------------------------------------------------------ train statements

    @Override
    public Node visitTrainStatement(FnetParser.TrainStatementContext ctx) {
        return visit(ctx.getChild(0));
    }

    @Override
    public Node visitTargetsStatement(FnetParser.TargetsStatementContext ctx) {
        return new TrainStatement.Targets(position(ctx), name(ctx.targetsName()), (Expr.ListLiteral) visit(ctx.matrix()));
    }

    @Override
    public Node visitLossStatement(FnetParser.LossStatementContext ctx) {
        return new TrainStatement.Loss(position(ctx), name(ctx.lossName()));
    }

    @Override
    public Node visitFlowStatement(FnetParser.FlowStatementContext ctx) {
        Optional<Expr> rate = ctx.expr() == null ? Optional.empty() : Optional.of(expr(ctx.expr()));
        return new TrainStatement.Flow(position(ctx), rate, (Range) visit(ctx.indexRange()));
    }

    @Override
    public Node visitTestStatement(FnetParser.TestStatementContext ctx) {
        return new TrainStatement.Test(position(ctx), name(ctx.inputName()), (Expr.ListLiteral) visit(ctx.matrix(0)),
                name(ctx.targetsName()), (Expr.ListLiteral) visit(ctx.matrix(1)));
    }

    // ------------------------------------------------------------------ theory statements

    @Override
    public Node visitTheoryStatement(FnetParser.TheoryStatementContext ctx) {
        return visit(ctx.getChild(0));
    }

    @Override
    public Node visitFieldStatement(FnetParser.FieldStatementContext ctx) {
        if (ctx.rangeVariable() == null) {
            return new TheoryStatement.Field(position(ctx), name(ctx.fieldName()), Optional.empty(), Optional.empty());
        }
        return new TheoryStatement.Field(position(ctx), name(ctx.fieldName()), Optional.of(name(ctx.rangeVariable())),
                Optional.of((Range) visit(ctx.indexRange())));
    }

    @Override
    public Node visitCouplingStatement(FnetParser.CouplingStatementContext ctx) {
        List<Name> names = new ArrayList<>();
        for (FnetParser.CouplingNameContext coupling : ctx.couplingName()) {
            names.add(name(coupling));
        }
        return new TheoryStatement.Coupling(position(ctx), names);
    }

    @Override
    public Node visitActionStatement(FnetParser.ActionStatementContext ctx) {
        return new TheoryStatement.Action(position(ctx), name(ctx.actionName()), expr(ctx.expr()));
    }

    // ------------------------------------------------------------------ derive lines

    @Override
    public Node visitDerive(FnetParser.DeriveContext ctx) {
        return new Derive(position(ctx), all(ctx.target(), Target.class), ctx.expr() == null ? null : expr(ctx.expr()));
    }

    @Override
    public Node visitNamedTarget(FnetParser.NamedTargetContext ctx) {
        return new Target.Named(position(ctx), name(ctx.ID().getSymbol()));
    }

    @Override
    public Node visitLogTarget(FnetParser.LogTargetContext ctx) {
        return new Target.Log(position(ctx), name(ctx.ID().getSymbol()));
    }

    @Override
    public Node visitCorrelatorTarget(FnetParser.CorrelatorTargetContext ctx) {
        List<Expr> fields = new ArrayList<>();
        for (FnetParser.FieldReferenceContext field : ctx.fieldReference()) {
            Name name = name(field.ID().getSymbol());
            fields.add(field.expr() == null
                    ? new Expr.Symbol(name.position(), name.text())
                    : new Expr.Index(name.position(), name, expr(field.expr())));
        }
        Optional<Name> suffix = ctx.ID() == null ? Optional.empty() : Optional.of(name(ctx.ID().getSymbol()));
        return new Target.Correlator(position(ctx), fields, suffix);
    }

    // ------------------------------------------------------------------ expressions

    @Override
    public Node visitExpr(FnetParser.ExprContext ctx) {
        return visit(ctx.sum());
    }

    @Override
    public Node visitSum(FnetParser.SumContext ctx) {
        return leftAssociative(ctx);
    }

    @Override
    public Node visitProduct(FnetParser.ProductContext ctx) {
        return leftAssociative(ctx);
    }

    @Override
    public Node visitUnary(FnetParser.UnaryContext ctx) {
        if (ctx.power() != null) {
            return visit(ctx.power());
        }
        return new Expr.Negate(position(ctx), (Expr) visit(ctx.unary()));
    }

    @Override
    public Node visitPower(FnetParser.PowerContext ctx) {
        Expr base = (Expr) visit(ctx.atom());
        if (ctx.unary() == null) {
            return base;
        }
        return new Expr.Binary(base.position(), Expr.Operator.POWER, base, (Expr) visit(ctx.unary()));
    }

    @Override
    public Node visitNumberAtom(FnetParser.NumberAtomContext ctx) {
        String text = ctx.NUMBER().getText();
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new SourceError(position(ctx), "number " + text + " is too large, expected a number of magnitude"
                    + " below 1.8e308 (the largest double)");
        }
        return new Expr.Number(position(ctx), value, text);
    }

    @Override
    public Node visitCallAtom(FnetParser.CallAtomContext ctx) {
        return new Expr.Call(position(ctx), name(ctx.functionName()), exprs(ctx.arguments().expr()));
    }

    @Override
    public Node visitIndexAtom(FnetParser.IndexAtomContext ctx) {
        return new Expr.Index(position(ctx), name(ctx.ID().getSymbol()), expr(ctx.expr()));
    }

    @Override
    public Node visitSymbolAtom(FnetParser.SymbolAtomContext ctx) {
        return new Expr.Symbol(position(ctx), ctx.ID().getText());
    }

    @Override
    public Node visitParenAtom(FnetParser.ParenAtomContext ctx) {
        return visit(ctx.expr());
    }

    @Override
    public Node visitListAtom(FnetParser.ListAtomContext ctx) {
        return new Expr.ListLiteral(position(ctx), exprs(ctx.expr()));
    }

    /** operand (op operand)*, grouped from the left: a - b - c = (a - b) - c. */
    private Expr leftAssociative(ParserRuleContext ctx) {
        Expr result = (Expr) visit(ctx.getChild(0));
        for (int i = 1; i < ctx.getChildCount(); i += 2) {
            Expr.Operator operator = Expr.Operator.of(ctx.getChild(i).getText());
            result = new Expr.Binary(result.position(), operator, result, (Expr) visit(ctx.getChild(i + 1)));
        }
        return result;
    }

    // ------------------------------------------------------------------ helpers

    private Expr expr(FnetParser.ExprContext ctx) {
        return (Expr) visit(ctx);
    }

    private List<Expr> exprs(List<FnetParser.ExprContext> contexts) {
        return all(contexts, Expr.class);
    }

    private <T> List<T> all(List<? extends ParserRuleContext> contexts, Class<T> type) {
        List<T> nodes = new ArrayList<>();
        for (ParserRuleContext ctx : contexts) {
            nodes.add(type.cast(visit(ctx)));
        }
        return nodes;
    }

    private Name name(ParserRuleContext ctx) {
        return new Name(position(ctx), ctx.getText());
    }

    private Name name(Token token) {
        return new Name(position(token), token.getText());
    }

    private Position position(ParserRuleContext ctx) {
        return position(ctx.getStart());
    }

    private Position position(Token token) {
        return new Position(file, token.getLine(), token.getCharPositionInLine() + 1);
    }

    private static String text(ParserRuleContext ctx) {
        return ctx.getStart().getInputStream()
                .getText(Interval.of(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex()));
    }
}
