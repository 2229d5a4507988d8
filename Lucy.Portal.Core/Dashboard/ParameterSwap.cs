using System.Linq.Expressions;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>Rewrites a lambda's body onto another parameter, so small predicates compose into one SQL expression.</summary>
internal sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
